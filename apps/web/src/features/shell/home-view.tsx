"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";

import { Compass, Menu, Plus } from "~/components/icons";
import { Monogram } from "~/components/ui/avatar";
import { Button, IconButton } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";

import { FriendsPanel } from "../people/friends-panel";

import { useShell } from "./shell-state";
import { useViewer } from "./use-viewer";

/** /channels: the viewer's servers as cards (or a welcome with the two ways in), and their friends. */
export function HomeView() {
  const t = useTranslations("shell.home");
  const trpc = useTRPC();
  const servers = useQuery(trpc.server.list.queryOptions());
  const viewer = useViewer();
  const { openDialog, setNavOpen } = useShell();
  const actions = (
    <div className="flex flex-wrap justify-center gap-2">
      <Button onClick={() => openDialog("createServer")}>
        <Plus className="size-4" aria-hidden /> {t("createServer")}
      </Button>
      <Button variant="secondary" onClick={() => openDialog("joinServer")}>
        <Compass className="size-4" aria-hidden /> {t("joinServer")}
      </Button>
    </div>
  );

  return (
    <main className="flex min-w-0 flex-1 flex-col bg-chat">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-3 shadow-sm">
        <IconButton label={t("openServers")} className="md:hidden" onClick={() => setNavOpen(true)}>
          <Menu className="size-5" aria-hidden />
        </IconButton>
        <h1 className="font-semibold text-strong">{t("title")}</h1>
      </header>
      <div className="scrollbar-thin flex flex-1 flex-col gap-10 overflow-y-auto p-6">
        {servers.data?.length === 0 ? (
          <EmptyState title={viewer ? t("welcome", { name: viewer.username }) : t("welcomeAnonymous")} action={actions}>
            {t("welcomeBody")}
          </EmptyState>
        ) : (
          <section aria-labelledby="servers-heading">
            <h2 id="servers-heading" className="mb-4 text-xs font-semibold tracking-wide text-muted uppercase">
              {t("yourServers")}
            </h2>
            <ul className="grid grid-cols-[repeat(auto-fill,minmax(200px,1fr))] gap-4">
              {servers.data?.map((server) => (
                <li key={server.id}>
                  <Link href={`/channels/${server.id}`} className="flex items-center gap-3 rounded-lg bg-panel p-4 transition-colors hover:bg-hover">
                    <Monogram name={server.name} className="size-12 shrink-0 rounded-2xl" />
                    <span className="min-w-0">
                      <span className="block truncate font-semibold text-strong">{server.name}</span>
                      <span className="block text-xs text-muted first-letter:uppercase">{t(`roles.${server.role}`)}</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            <div className="mt-8">{actions}</div>
          </section>
        )}
        <FriendsPanel />
      </div>
    </main>
  );
}
