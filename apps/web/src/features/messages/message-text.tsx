"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, type ReactNode, useMemo, useState } from "react";
import { createPortal } from "react-dom";

import { buttonClass } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { cn } from "~/lib/cn";

import { CustomEmoji } from "../emojis/custom-emoji";
import { type ServerEmoji, useEmojiById } from "../emojis/use-emojis";
import { CodeBlock } from "./code-block";
import { type MarkdownNode, parseMarkdown, safeHref } from "./markdown";

/** `@name` as the API finds it: after a start or a character that cannot be part of a name or address. */
const mentionToken = /(?<![\w.@])@[A-Za-z0-9_.]{2,32}/g;

/** A resolved mention: the name the member goes by, and its colour (undefined: the default). */
export interface Mention {
  name: string;
  colour?: string | undefined;
}

interface MessageTextProps {
  content: string;
  /**
   * The members the API resolved this message's mentions to: lower-cased username → the name they
   * go by, and the colour of that name (their highest coloured role's; undefined: the default).
   */
  mentioned: ReadonlyMap<string, Mention>;
  mentionsEveryone: boolean;
  readerName: string | undefined;
}

interface Context extends Omit<MessageTextProps, "content"> {
  /** Inside a masked link's label, where a link may not nest. */
  inLink?: boolean;
  /** The server's custom emoji by id: others (another server's, deleted) show as `:name:`. */
  emojis: ReadonlyMap<string, ServerEmoji>;
  /** The message is emoji alone (and few): they show large, as on Discord. */
  jumbo: boolean;
}

/** Discord's rule: up to 27 emoji and nothing but spaces around them make them large. */
const JUMBO_MAX = 27;
// Built from a string: TypeScript's ES2022 target does not know the `v` flag, which browsers do.
const unicodeEmoji = new RegExp("\\p{RGI_Emoji}", "gv");

function isEmojiOnly(nodes: MarkdownNode[]): boolean {
  let count = 0;
  for (const node of nodes) {
    if (node.type === "emoji") count += 1;
    else if (node.type === "text") {
      count += node.content.match(unicodeEmoji)?.length ?? 0;
      if (node.content.replace(unicodeEmoji, "").trim() !== "") return false;
    } else if (node.type !== "br") return false;
  }
  return count > 0 && count <= JUMBO_MAX;
}

/** Links leave the app in a new tab, without our page or address (`noreferrer`) and without our endorsement (`nofollow`). */
const external = { target: "_blank", rel: "noopener noreferrer nofollow" } as const;
const linkClass = "text-[#00a8fc] hover:underline";

/**
 * The message's text, Markdown as on Discord rendered to elements (never to HTML), with the mentions
 * the API resolved highlighted and shown by the name the member goes by (a name followed by a full
 * stop counts as the name, as on the server); a mention of the reader stands out more, and a
 * mention of someone else takes their name's colour, as Discord tints role-coloured mentions.
 */
export function MessageText({ content, ...context }: MessageTextProps) {
  const nodes = useMemo(() => parseMarkdown(content), [content]);
  const emojis = useEmojiById();
  const jumbo = useMemo(() => nodes.some((node) => node.type === "emoji") && isEmojiOnly(nodes), [nodes]);
  return <>{renderNodes(nodes, { ...context, emojis, jumbo })}</>;
}

function renderNodes(nodes: MarkdownNode[], context: Context): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, context, index));
}

function renderNode(node: MarkdownNode, context: Context, key: number): ReactNode {
  switch (node.type) {
    case "text":
      return withMentions(node.content, context, key);
    case "br":
      return <br key={key} />;
    case "emoji": {
      const emoji = context.emojis.get(node.id);
      return emoji ? <CustomEmoji key={key} emoji={emoji} jumbo={context.jumbo} /> : `:${node.name}:`;
    }
    case "strong":
      return (
        <strong key={key} className="font-bold">
          {renderNodes(node.content, context)}
        </strong>
      );
    case "em":
      return <em key={key}>{renderNodes(node.content, context)}</em>;
    case "underline":
      return <u key={key}>{renderNodes(node.content, context)}</u>;
    case "strikethrough":
      return <s key={key}>{renderNodes(node.content, context)}</s>;
    case "inlineCode":
      return (
        <code key={key} className="rounded-sm bg-rail px-[0.2em] py-px font-mono text-[0.85em]">
          {node.content}
        </code>
      );
    case "codeBlock":
      return <CodeBlock key={key} lang={node.lang} code={node.content} />;
    case "blockQuote":
      return (
        <blockquote key={key} className="my-0.5 border-l-4 border-[#4e5058] pl-3">
          {renderNodes(node.content, context)}
        </blockquote>
      );
    case "heading": {
      const Heading = node.level === 1 ? "h1" : node.level === 2 ? "h2" : "h3";
      return (
        <Heading key={key} className={cn("my-1 leading-[1.375] font-bold text-strong", headingSize[node.level])}>
          {renderNodes(node.content, context)}
        </Heading>
      );
    }
    case "subtext":
      return (
        <small key={key} className="block text-[13px] leading-[1.11rem] text-muted">
          {renderNodes(node.content, context)}
        </small>
      );
    case "list": {
      const List = node.ordered ? "ol" : "ul";
      return (
        <List key={key} start={node.ordered ? node.start : undefined} className={cn("my-0.5 ml-6", node.ordered ? "list-decimal" : "list-disc")}>
          {node.items.map((item, index) => (
            <li key={index}>{renderNodes(item, context)}</li>
          ))}
        </List>
      );
    }
    case "spoiler":
      return <Spoiler key={key}>{renderNodes(node.content, context)}</Spoiler>;
    case "url":
    case "autolink": {
      const href = safeHref(node.target);
      if (!href || context.inLink) return withMentions(node.target, context, key);
      return (
        <a key={key} href={href} {...external} className={linkClass}>
          {node.target}
        </a>
      );
    }
    case "link": {
      const href = safeHref(node.target);
      if (!href || context.inLink) return withMentions(node.source, context, key);
      return (
        <MaskedLink key={key} href={href}>
          {renderNodes(node.content, { ...context, inLink: true })}
        </MaskedLink>
      );
    }
  }
}

const headingSize: Record<number, string> = { 1: "text-2xl", 2: "text-xl", 3: "text-base" };

/** Text with the mentions the API resolved to someone highlighted; other `@words` stay text. */
function withMentions(text: string, { mentioned, mentionsEveryone, readerName }: Context, key: number): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(mentionToken)) {
    const token = match[0].replace(/\.+$/, "");
    const name = token.slice(1).toLowerCase();
    const isEveryone = name === "everyone" && mentionsEveryone;
    if (!isEveryone && !mentioned.has(name)) continue;
    const self = isEveryone || name === readerName?.toLowerCase();
    const mention = isEveryone ? undefined : mentioned.get(name);
    const colour = self ? undefined : mention?.colour;
    // As typed, unless the member goes by another name than their username here.
    const label = mention === undefined || mention.name.toLowerCase() === name ? token : `@${mention.name}`;
    parts.push(text.slice(last, match.index));
    parts.push(
      <span
        key={match.index}
        data-mention={name}
        className={cn("rounded px-0.5 font-medium", self ? "bg-warning/25 text-[#f8d58a]" : "bg-brand/30 text-[#c9cdfb]")}
        // The colour at a fifth of its strength behind it (#rrggbb + alpha 0x33).
        style={colour ? { color: colour, backgroundColor: `${colour}33` } : undefined}
      >
        {label}
      </span>,
    );
    last = match.index + token.length;
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return <span key={key}>{parts}</span>;
}

/** `||hidden||`: a dark bar until clicked (or Enter/Space on it); its content is out of reach until then. */
function Spoiler({ children }: { children: ReactNode }) {
  const t = useTranslations("messages.text");
  const [shown, setShown] = useState(false);
  if (shown) {
    return (
      <span data-spoiler="shown" className="rounded-sm bg-white/10 px-0.5">
        {children}
      </span>
    );
  }
  const reveal = (event: KeyboardEvent) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    setShown(true);
  };
  return (
    <span
      role="button"
      tabIndex={0}
      aria-label={t("spoiler")}
      data-spoiler="hidden"
      onClick={() => setShown(true)}
      onKeyDown={reveal}
      className="cursor-pointer rounded-sm bg-rail px-0.5 hover:bg-[#17181a]"
    >
      <span inert aria-hidden className="invisible">
        {children}
      </span>
    </span>
  );
}

/** `[text](https://…)`: the text can say anything, so leaving asks first and shows where the link really goes. */
function MaskedLink({ href, children }: { href: string; children: ReactNode }) {
  const t = useTranslations("messages.text");
  const [asking, setAsking] = useState(false);
  // The dialog mounts at the first click and stays, so closing it returns focus to the link.
  const [asked, setAsked] = useState(false);
  const close = () => setAsking(false);
  return (
    <>
      <a
        href={href}
        {...external}
        title={href}
        className={linkClass}
        onClick={(event) => {
          event.preventDefault();
          setAsked(true);
          setAsking(true);
        }}
      >
        {children}
      </a>
      {asked &&
        createPortal(
          <Dialog open={asking} onClose={close} title={t("leavingTitle")} description={t("leavingDescription")}>
            <p className="rounded-md bg-rail px-3 py-2 text-sm break-all text-strong">{href}</p>
            <DialogActions onCancel={close}>
              <a href={href} {...external} className={buttonClass()} onClick={close}>
                {t("visitSite")}
              </a>
            </DialogActions>
          </Dialog>,
          document.body,
        )}
    </>
  );
}
