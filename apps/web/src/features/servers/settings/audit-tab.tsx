"use client";

import type { RouterOutputs } from "@chat/api";
import { auditActions } from "@chat/validators/audit-actions";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC, useTRPCClient } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";

type Entry = RouterOutputs["audit"]["list"]["items"][number];
type Action = (typeof auditActions)[number];

const verbs: Record<Action, string> = {
  "member.kick": "kicked",
  "member.ban": "banned",
  "member.unban": "unbanned",
  "member.role": "changed the role of",
  "server.transfer_ownership": "transferred ownership to",
  "server.rename": "renamed the server to",
  "server.regenerate_invite": "regenerated the invite link",
  "channel.create": "created channel",
  "channel.update": "updated channel",
  "channel.delete": "deleted channel",
  "message.delete": "deleted a message",
  "invite.create": "created invite",
  "invite.revoke": "revoked invite",
  "message.pin": "pinned a message",
  "message.unpin": "unpinned a message",
  "channel.slowmode": "set the slowmode of",
  "member.timeout": "timed out",
  "member.remove_timeout": "lifted the timeout of",
  "member.nickname": "changed the nickname of",
  "role.create": "created role",
  "role.update": "updated role",
  "role.delete": "deleted role",
  "role.move": "moved role",
  "member.add_role": "gave a role to",
  "member.remove_role": "took a role from",
  "channel.move": "moved channel",
  "channel.overwrite": "changed the permissions of channel",
  "channel.sync": "synced with its category channel",
  "category.create": "created category",
  "category.update": "updated category",
  "category.delete": "deleted category",
  "category.move": "moved category",
  "category.overwrite": "changed the permissions of category",
};

/** Actions whose target is a message or the server's own code: the sentence names no one. */
const untargeted = new Set<Action>(["message.delete", "message.pin", "message.unpin", "server.regenerate_invite"]);

/** What follows the sentence: a reason, a new role, a slowmode's seconds, the role given or taken. */
function extraOf(entry: Entry): string {
  const { reason, to, roleName } = entry.details as { reason?: string; to?: string | number; roleName?: string };
  if (reason) return ` (${reason})`;
  if (entry.action === "member.role" && to) return ` to ${to}`;
  if (roleName) return ` (${roleName})`;
  if (entry.action === "channel.slowmode" && to !== undefined) return to === 0 ? " to off" : ` to ${to} s`;
  return "";
}

/** One line of the log, in words: "ada banned bob (spam)". */
export function describeEntry(entry: Entry): string {
  const target = untargeted.has(entry.action) ? "" : (entry.target?.name ?? entry.target?.id ?? "");
  return `${entry.actor.username ?? "A deleted account"} ${verbs[entry.action]}${target ? ` ${target}` : ""}${extraOf(entry)}`;
}

/** The server's audit log, newest first, filtered by action, a page at a time. */
export function AuditTab({ server }: { server: Server }) {
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
      <select aria-label="Filter by action" value={action} onChange={(event) => setAction(event.target.value as Action | "")} className="self-start rounded-md bg-rail px-2 py-1 text-sm text-text">
        <option value="">All actions</option>
        {auditActions.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <ErrorText>{log.error && describeError(log.error)}</ErrorText>
      <ol aria-label="Audit log" className="scrollbar-thin flex max-h-80 flex-col gap-1 overflow-y-auto">
        {entries.map((entry) => (
          <li key={entry.id} className="flex items-baseline gap-3 rounded-md px-2 py-1 text-sm hover:bg-hover">
            <span className="min-w-0 flex-1 text-text">{describeEntry(entry)}</span>
            <time dateTime={entry.createdAt.toISOString()} className="shrink-0 text-xs text-muted">
              {entry.createdAt.toLocaleString()}
            </time>
          </li>
        ))}
        {log.isSuccess && entries.length === 0 && <li className="px-2 text-sm text-muted">Nothing yet.</li>}
      </ol>
      {log.hasNextPage && (
        <Button variant="secondary" size="sm" pending={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} className="self-start">
          Older entries
        </Button>
      )}
    </div>
  );
}
