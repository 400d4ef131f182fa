"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { MessagesSquare, WifiOff } from "~/components/icons";
import { Button } from "~/components/ui/button";

const RETRY_MS = 5000;

/** The service worker's record of a conversation kept for reading offline (public/sw.js, `keepHistory`). */
interface KeptConversation {
  serverId: string;
  channelId: string;
  title: string | null;
  history: string;
  savedAt: string;
}

/** A message as `message.list` gives it (its JSON form); only what is shown here. */
interface KeptMessage {
  id: string;
  author: { username: string; displayName: string | null; nickname: string | null } | null;
  content: string;
  createdAt: string;
}

const HISTORY_CACHE = "chat-history-v1";
const INDEX_URL = "/offline/conversations.json";

async function readCached<T>(url: string): Promise<T | null> {
  if (!("caches" in window)) return null;
  const response = await (await caches.open(HISTORY_CACHE)).match(url);
  return response ? ((await response.json()) as T) : null;
}

/** The words names and titles fall back on, in the reader's language. */
type Fallbacks = (key: "deletedUser" | "directMessage") => string;

const nameOf = (author: KeptMessage["author"], t: Fallbacks) => (author ? (author.nickname ?? author.displayName ?? author.username) : t("deletedUser"));
const titleOf = (conversation: KeptConversation, messages: KeptMessage[] | null, t: Fallbacks) =>
  conversation.title ?? ([...new Set((messages ?? []).map((message) => nameOf(message.author, t)))].join(", ") || t("directMessage"));

/**
 * "You are offline", and the last conversations opened on this device, read-only from the
 * service worker's cache, until the network is back (then the page the reader wanted loads again).
 */
export function OfflineHistory() {
  const t = useTranslations("offline");
  const locale = useLocale();
  const [conversations, setConversations] = useState<KeptConversation[] | null>(null);
  const [histories, setHistories] = useState<Record<string, KeptMessage[]>>({});
  const [openId, setOpenId] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const kept = (await readCached<KeptConversation[]>(INDEX_URL)) ?? [];
      const loaded: Record<string, KeptMessage[]> = {};
      for (const conversation of kept) {
        const page = await readCached<{ items: KeptMessage[] }>(conversation.history);
        if (page) loaded[conversation.channelId] = [...page.items].reverse();
      }
      setHistories(loaded);
      setConversations(kept.filter((conversation) => loaded[conversation.channelId]));
      setOpenId(kept[0]?.channelId ?? null);
    })();
    const reload = () => window.location.reload();
    window.addEventListener("online", reload);
    // Shown while the browser says it is online: the server was out of reach, or the worker's network came back a
    // moment after the page's. Try again every few seconds.
    const retry = navigator.onLine ? window.setTimeout(reload, RETRY_MS) : undefined;
    return () => {
      window.removeEventListener("online", reload);
      window.clearTimeout(retry);
    };
  }, []);

  const open = conversations?.find((conversation) => conversation.channelId === openId) ?? null;
  const messages = open ? (histories[open.channelId] ?? []) : [];
  return (
    <main className="flex min-h-dvh flex-col bg-chat text-text md:flex-row">
      <aside className="flex flex-col gap-3 border-b border-line bg-panel p-4 md:w-72 md:border-r md:border-b-0">
        <div className="flex items-center gap-2 text-strong">
          <MessagesSquare className="size-6 text-brand" aria-hidden />
          <span className="font-bold">Chat RTC</span>
        </div>
        <div role="status" className="flex items-start gap-2 rounded-md bg-field p-3">
          <WifiOff className="mt-0.5 size-5 shrink-0 text-muted" aria-hidden />
          <div>
            <h1 className="font-semibold text-strong">{t("title")}</h1>
            <p className="text-sm text-muted">{t("body")}</p>
          </div>
        </div>
        <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
          {t("retry")}
        </Button>
        {conversations && conversations.length > 0 && (
          <nav aria-label={t("saved")} className="flex flex-col gap-0.5">
            <h2 className="px-2 pt-2 text-xs font-bold tracking-wide text-muted uppercase">{t("savedHeading")}</h2>
            {conversations.map((conversation) => (
              <button
                key={conversation.channelId}
                type="button"
                aria-current={conversation.channelId === openId ? "page" : undefined}
                onClick={() => setOpenId(conversation.channelId)}
                className="truncate rounded px-2 py-1.5 text-left text-sm hover:bg-hover aria-[current=page]:bg-active aria-[current=page]:text-strong"
              >
                {titleOf(conversation, histories[conversation.channelId] ?? null, t)}
              </button>
            ))}
          </nav>
        )}
      </aside>
      <section aria-label={open ? titleOf(open, messages, t) : t("conversation")} className="flex flex-1 flex-col gap-3 overflow-y-auto p-4">
        {conversations === null ? null : !open ? (
          <p className="text-muted">{t("none")}</p>
        ) : (
          <>
            <h2 className="font-semibold text-strong">{titleOf(open, messages, t)}</h2>
            <p className="text-xs text-muted">{t("savedAt", { when: new Date(open.savedAt).toLocaleString(locale) })}</p>
            <ol className="flex flex-col gap-2">
              {messages.map((message) => (
                <li key={message.id}>
                  <span className="font-medium text-strong">{nameOf(message.author, t)}</span>{" "}
                  <time className="text-xs text-muted" dateTime={message.createdAt}>
                    {new Date(message.createdAt).toLocaleString(locale)}
                  </time>
                  <p className="break-words whitespace-pre-wrap">{message.content}</p>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </main>
  );
}
