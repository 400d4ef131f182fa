"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";

import { BellOff, Plus, Users } from "~/components/icons";
import { Avatar } from "~/components/ui/avatar";
import { IconButton } from "~/components/ui/button";
import { cn } from "~/lib/cn";

import { useViewer } from "../shell/use-viewer";
import { formatCount } from "../unread/unread-cache";
import { conversationHref, conversationTitle } from "./conversation-cache";
import { NewGroupDialog } from "./group-dialogs";
import { useConversations } from "./use-conversations";

/** Home's DMs and groups, latest activity first, each with its unread count; "New group" above them. */
export function ConversationList() {
  const t = useTranslations("conversations");
  const conversations = useConversations();
  const viewerId = useViewer()?.id;
  const { channelId: openId } = useParams<{ channelId?: string }>();
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="conversations-heading" className="mt-4 flex min-h-0 flex-1 flex-col">
      <div className="flex items-center justify-between px-2 pb-1">
        <h2 id="conversations-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
          {t("list.heading")}
        </h2>
        <IconButton label={t("list.newGroup")} className="size-6" onClick={() => setCreating(true)}>
          <Plus className="size-4" aria-hidden />
        </IconButton>
      </div>
      {conversations.data?.length === 0 && <p className="px-2 py-1 text-sm text-muted">{t("list.empty")}</p>}
      <ul className="scrollbar-thin flex flex-col gap-0.5 overflow-y-auto">
        {conversations.data?.map((conversation) => {
          const title = conversationTitle(conversation, viewerId, t);
          const open = conversation.id === openId;
          const unread = conversation.unreadCount > 0 && !open && !conversation.muted;
          const group = conversation.kind === "group";
          return (
            <li key={conversation.id}>
              <Link
                href={conversationHref(conversation.id)}
                aria-current={open ? "page" : undefined}
                data-unread={unread || undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-2 py-1.5 text-muted hover:bg-hover hover:text-text",
                  open && "bg-active text-strong",
                  unread && "font-semibold text-strong",
                  conversation.muted && !open && "opacity-60",
                )}
              >
                {group ? (
                  <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand text-white" aria-hidden>
                    <Users className="size-4" />
                  </span>
                ) : (
                  <Avatar name={title} size="sm" />
                )}
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-[15px]">{title}</span>
                  {group && <span className="block text-xs font-normal text-faint">{t("list.members", { count: conversation.recipients.length })}</span>}
                </span>
                {conversation.muted && <BellOff className="size-3.5 shrink-0 text-faint" aria-label={t("list.muted")} />}
                {unread && (
                  <span
                    aria-label={t("list.unread", { count: conversation.unreadCount })}
                    className="flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[11px] leading-none font-bold text-white"
                  >
                    {formatCount(conversation.unreadCount)}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
      <NewGroupDialog open={creating} onClose={() => setCreating(false)} />
    </section>
  );
}
