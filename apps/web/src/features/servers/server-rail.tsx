"use client";

import dynamic from "next/dynamic";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { ReactNode } from "react";

import { Compass, MessagesSquare, Plus } from "~/components/icons";
import { initials, Picture } from "~/components/ui/avatar";
import { Skeleton } from "~/components/ui/skeleton";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { conversationHref, conversationTitle, unreadConversations } from "../conversations/conversation-cache";
import { useConversations } from "../conversations/use-conversations";
import { useShell } from "../shell/shell-state";
import { useViewer } from "../shell/use-viewer";
import { MentionBadge } from "../unread/count-badge";

// Loaded on first opening: most visits never create or join a server.
const CreateServerDialog = dynamic(() => import("./create-server-dialog").then((module) => module.CreateServerDialog), { ssr: false });
const JoinServerDialog = dynamic(() => import("./join-server-dialog").then((module) => module.JoinServerDialog), { ssr: false });

const tile =
  "group relative flex size-12 items-center justify-center overflow-hidden transition-all duration-150 rounded-[24px] hover:rounded-[16px]";

/** Left of a tile: tall for the open server, a dot for one with unread messages. */
function Pill({ active, unread }: { active: boolean; unread?: boolean }) {
  return (
    <span
      aria-hidden
      className={cn(
        "absolute left-0 w-1 rounded-r bg-strong transition-all",
        active ? "h-10" : unread ? "h-2 group-hover:h-5" : "h-0 group-hover:h-5",
      )}
    />
  );
}

interface RailLinkProps {
  href: string;
  label: string;
  active: boolean;
  unread?: boolean;
  mentions?: number;
  children: ReactNode;
}

function RailLink({ href, label, active, unread, mentions = 0, children }: RailLinkProps) {
  const t = useTranslations("servers.rail");
  return (
    <li className="group relative flex justify-center" data-unread={unread || undefined}>
      <Pill active={active} unread={unread} />
      <Link
        href={href}
        title={label}
        aria-current={active ? "page" : undefined}
        className={cn(tile, active ? "rounded-[16px] bg-brand text-white" : "bg-chat text-text hover:bg-brand hover:text-white")}
      >
        {/* The tile shows an icon or initials; its name is said in full. */}
        <span aria-hidden className="contents">
          {children}
        </span>
        <span className="sr-only">{unread ? t("unread", { name: label }) : label}</span>
      </Link>
      <MentionBadge count={mentions} className="pointer-events-none absolute right-2.5 bottom-0 h-5 min-w-5 border-[3px] border-rail" />
    </li>
  );
}

function RailAction({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <li className="flex justify-center">
      <button type="button" aria-label={label} title={label} onClick={onClick} className={cn(tile, "bg-chat text-online hover:bg-online hover:text-white")}>
        {children}
      </button>
    </li>
  );
}

const UNREAD_DM_TILES = 3;

/** The leftmost column: home (with the DMs that wait to be read under it, as Discord shows them), one tile per server, then create and join. */
export function ServerRail() {
  const t = useTranslations("servers.rail");
  const trpc = useTRPC();
  const servers = useQuery(trpc.server.list.queryOptions());
  const { serverId, channelId } = useParams<{ serverId?: string; channelId?: string }>();
  const { dialog, openDialog } = useShell();
  const viewerId = useViewer()?.id;
  const titles = useTranslations("conversations");
  // The open one is being read: it marks itself read as messages arrive.
  const unreadDms = unreadConversations(useConversations().data).filter((conversation) => conversation.id !== channelId);

  return (
    <nav aria-label={t("label")} className="scrollbar-thin flex w-[72px] shrink-0 flex-col overflow-y-auto bg-rail py-3">
      <ul className="flex flex-col gap-2">
        <RailLink
          href="/channels"
          label={t("home")}
          active={!serverId}
          mentions={unreadDms.reduce((sum, conversation) => sum + conversation.unreadCount, 0)}
        >
          <MessagesSquare className="size-6" aria-hidden />
        </RailLink>
        {unreadDms.slice(0, UNREAD_DM_TILES).map((conversation) => {
          const title = conversationTitle(conversation, viewerId, titles);
          return (
            <RailLink key={conversation.id} href={conversationHref(conversation.id)} label={title} active={false} unread mentions={conversation.unreadCount}>
              <span className="text-[15px] font-semibold">{initials(title)}</span>
            </RailLink>
          );
        })}
        <li aria-hidden className="mx-auto h-0.5 w-8 rounded bg-line" />
        {servers.isPending &&
          Array.from({ length: 3 }, (_, index) => (
            <li key={index} className="flex justify-center">
              <Skeleton className="size-12 rounded-full" />
            </li>
          ))}
        {servers.data?.map((server) => (
          <RailLink
            key={server.id}
            href={`/channels/${server.id}`}
            label={server.name}
            active={server.id === serverId}
            unread={!server.muted && server.unreadCount > 0}
            mentions={server.mentionCount}
          >
            {server.iconUrl ? (
              <Picture src={server.iconUrl} width={48} className="size-full rounded-[inherit]" />
            ) : (
              <span className="text-[15px] font-semibold">{initials(server.name)}</span>
            )}
          </RailLink>
        ))}
        <RailAction label={t("create")} onClick={() => openDialog("createServer")}>
          <Plus className="size-6" aria-hidden />
        </RailAction>
        <RailAction label={t("join")} onClick={() => openDialog("joinServer")}>
          <Compass className="size-6" aria-hidden />
        </RailAction>
      </ul>
      {dialog === "createServer" && <CreateServerDialog onClose={() => openDialog(null)} />}
      {dialog === "joinServer" && <JoinServerDialog onClose={() => openDialog(null)} />}
    </nav>
  );
}
