"use client";

import type { RouterOutputs } from "@chat/api";
import { auditActions } from "@chat/validators/audit-actions";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC, useTRPCClient } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";

type Entry = RouterOutputs["audit"]["list"]["items"][number];
type Action = (typeof auditActions)[number];
type Translate = ReturnType<typeof useTranslations<"servers.settings.audit">>;

/** Actions whose target is a message or the server's own code: the sentence names no one. */
const untargeted = new Set<Action>(["message.delete", "message.pin", "message.unpin", "server.regenerate_invite"]);

/** The sentence with what follows it: a reason, a new role, a slowmode's seconds, the role given or taken. */
function withExtra(entry: Entry, sentence: string, t: Translate): string {
  const { reason, to, roleName } = entry.details as { reason?: string; to?: string | number; roleName?: string };
  if (reason) return t("withReason", { sentence, reason });
  if (entry.action === "member.role" && to) return t("roleTo", { sentence, role: to });
  if (roleName) return t("withRole", { sentence, role: roleName });
  if (entry.action === "channel.slowmode" && to !== undefined) return to === 0 ? t("slowmodeOff", { sentence }) : t("slowmodeTo", { sentence, seconds: to });
  return sentence;
}

/** One line of the log, in words: "ada banned bob (spam)". */
export function describeEntry(entry: Entry, t: Translate): string {
  const target = untargeted.has(entry.action) ? "" : (entry.target?.name ?? entry.target?.id ?? "");
  // A target that is gone entirely leaves the verb without its object, and no space after it.
  const sentence = t(`actions.${entry.action}`, { actor: entry.actor.username ?? t("deletedAccount"), target }).trimEnd();
  return withExtra(entry, sentence, t);
}

/** The server's audit log, newest first, filtered by action, a page at a time. */
export function AuditTab({ server }: { server: Server }) {
  const t = useTranslations("servers.settings.audit");
  const locale = useLocale();
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [action, setAction] = useState<Action | "">("");
  const input = { serverId: server.id, limit: 25, ...(action && { action }) };
  const log = useInfiniteQuery({
    queryKey: [...trpc.audit.list.queryKey(input), "pages"],
    queryFn: ({ pageParam }) => client.audit.list.query({ ...input, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="flex flex-col gap-3">
      <select aria-label={t("filter")} value={action} onChange={(event) => setAction(event.target.value as Action | "")} className="self-start rounded-md bg-rail px-2 py-1 text-sm text-text">
        <option value="">{t("all")}</option>
        {auditActions.map((name) => (
          <option key={name} value={name}>
            {t(`actionNames.${name}`)}
          </option>
        ))}
      </select>
      <ErrorText>{log.error && describeError(log.error)}</ErrorText>
      <ol aria-label={t("log")} className="scrollbar-thin flex max-h-80 flex-col gap-1 overflow-y-auto">
        {entries.map((entry) => (
          <li key={entry.id} className="flex items-baseline gap-3 rounded-md px-2 py-1 text-sm hover:bg-hover">
            <span className="min-w-0 flex-1 text-text">{describeEntry(entry, t)}</span>
            <time dateTime={entry.createdAt.toISOString()} className="shrink-0 text-xs text-muted">
              {entry.createdAt.toLocaleString(locale)}
            </time>
          </li>
        ))}
        {log.isSuccess && entries.length === 0 && <li className="px-2 text-sm text-muted">{t("empty")}</li>}
      </ol>
      {log.hasNextPage && (
        <Button variant="secondary" size="sm" pending={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} className="self-start">
          {t("older")}
        </Button>
      )}
    </div>
  );
}
