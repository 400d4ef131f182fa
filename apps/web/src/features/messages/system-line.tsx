"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";

import { ArrowLeft, ArrowRight, Pencil } from "~/components/icons";
import { useTRPC } from "~/trpc/react";

import { formatExact, formatRelative } from "./format-time";
import type { ChatMessage } from "./message-cache";

/**
 * A group's system line, as Discord words it: "Ana added Bo to the group.", "Bo left the group.",
 * "Ana changed the group name: Road trip". `nameOf` knows the people in the group; someone no longer in
 * it is named from their profile, while the viewer may still see it.
 */
export function SystemLine({ message, now, nameOf }: { message: ChatMessage; now: Date; nameOf: (userId: string) => string | undefined }) {
  const t = useTranslations("messages.system");
  const time = useTranslations("messages.time");
  const locale = useLocale();
  const author = message.author ? (nameOf(message.author.id) ?? message.author.username) : t("unknownAuthor");
  const subjectId = message.kind === "name_change" ? undefined : message.content;
  const subject = usePersonName(subjectId, nameOf);
  const { Icon, text, tone } = {
    recipient_add: { Icon: ArrowRight, text: t("added", { author, subject }), tone: "text-online" },
    recipient_remove:
      subjectId === message.author?.id
        ? { Icon: ArrowLeft, text: t("left", { author }), tone: "text-danger" }
        : { Icon: ArrowLeft, text: t("removed", { author, subject }), tone: "text-danger" },
    name_change: { Icon: Pencil, text: t("renamed", { author, name: message.content }), tone: "text-muted" },
  }[message.kind!];
  return (
    <div role="article" data-message-id={message.id} data-system={message.kind} className="flex gap-4 px-4 py-1 pr-12 text-[15px] text-muted">
      <div className="flex w-10 shrink-0 justify-center pt-1">
        <Icon className={`size-4 ${tone}`} aria-hidden />
      </div>
      <p className="min-w-0 flex-1">
        {text}{" "}
        <time dateTime={message.createdAt.toISOString()} title={formatExact(message.createdAt, locale)} className="ml-1 text-xs text-faint">
          {formatRelative(message.createdAt, now, locale, time)}
        </time>
      </p>
    </div>
  );
}

/** Someone's name from the group, else from their profile (someone removed may be a stranger now: "someone", in the reader's words). */
function usePersonName(userId: string | undefined, nameOf: (userId: string) => string | undefined): string {
  const t = useTranslations("messages.system");
  const trpc = useTRPC();
  const known = userId ? nameOf(userId) : undefined;
  const profile = useQuery({ ...trpc.user.profile.queryOptions(userId && !known ? { userId } : skipToken), retry: false });
  return known ?? (profile.data ? (profile.data.displayName ?? profile.data.username) : t("unknownPerson"));
}
