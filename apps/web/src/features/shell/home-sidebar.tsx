"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { Users } from "~/components/icons";
import { cn } from "~/lib/cn";

import { ConversationList } from "../conversations/conversation-list";
import { useNavColumnClass } from "./app-frame";
import { UserPanel } from "./user-panel";

/** Home's second column, where a server's channels would be: friends, the DMs and groups, and the signed-in user. */
export function HomeSidebar() {
  const t = useTranslations("shell.homeSidebar");
  const columnClass = useNavColumnClass("left-[72px]");
  const friendsOpen = usePathname() === "/channels";
  return (
    <aside aria-label={t("label")} className={cn("w-60 shrink-0 flex-col bg-panel", columnClass)}>
      <nav aria-label={t("sections")} className="flex min-h-0 flex-1 flex-col px-2 py-3">
        <Link
          href="/channels"
          aria-current={friendsOpen ? "page" : undefined}
          className={cn("flex items-center gap-3 rounded-md px-2 py-2 text-[15px] font-medium text-muted hover:bg-hover", friendsOpen && "bg-active text-strong")}
        >
          <Users className="size-5 text-muted" aria-hidden /> {t("friends")}
        </Link>
        <ConversationList />
      </nav>
      <UserPanel />
    </aside>
  );
}
