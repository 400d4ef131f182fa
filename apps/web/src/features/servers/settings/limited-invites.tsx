"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";
import { useInviteLink } from "./use-invite-link";

const lifetimes = [
  ["Never", ""],
  ["30 minutes", "1800"],
  ["1 hour", "3600"],
  ["1 day", "86400"],
  ["7 days", "604800"],
] as const;
const useLimits = [
  ["No limit", ""],
  ["1 use", "1"],
  ["5 uses", "5"],
  ["10 uses", "10"],
  ["100 uses", "100"],
] as const;
const stateLabels = { active: "Active", expired: "Expired", used_up: "Used up", revoked: "Revoked" } as const;
const selectClass = "rounded-md bg-rail px-2 py-1.5 text-sm text-text";

/** Invites besides the standing link: each may expire or run out of uses, and can be revoked. */
export function LimitedInvites({ server }: { server: Server }) {
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const linkTo = useInviteLink();
  const invites = useQuery(trpc.invite.list.queryOptions({ serverId: server.id }));
  const refresh = () => queryClient.invalidateQueries(trpc.invite.list.queryFilter({ serverId: server.id }));
  const create = useMutation(trpc.invite.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.invite.revoke.mutationOptions({ onSuccess: refresh }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiresInSeconds = Number(form.get("expires")) || undefined;
    const maxUses = Number(form.get("maxUses")) || undefined;
    create.mutate({ serverId: server.id, expiresInSeconds, maxUses });
  }

  return (
    <div className="flex flex-col gap-3 border-t border-line pt-4">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">Invite links with limits</h3>
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
        <select name="expires" aria-label="Expire after" className={selectClass}>
          {lifetimes.map(([label, value]) => (
            <option key={label} value={value}>
              Expires: {label}
            </option>
          ))}
        </select>
        <select name="maxUses" aria-label="Maximum uses" className={selectClass}>
          {useLimits.map(([label, value]) => (
            <option key={label} value={value}>
              {label}
            </option>
          ))}
        </select>
        <Button type="submit" size="sm" pending={create.isPending}>
          Create invite
        </Button>
      </form>
      <ErrorText>{(create.error ?? revoke.error) && describeError(create.error ?? revoke.error)}</ErrorText>
      <ul aria-label="Invites" className="scrollbar-thin flex max-h-48 flex-col gap-1 overflow-y-auto">
        {invites.data?.map((invite) => (
          <li key={invite.code} data-code={invite.code} className="flex items-center gap-3 rounded-md px-2 py-1 text-sm hover:bg-hover">
            <code className="min-w-0 flex-1 truncate text-text" title={linkTo(invite.code)}>
              {invite.code}
            </code>
            <span className="text-xs text-muted">
              {invite.uses}
              {invite.maxUses !== null && `/${invite.maxUses}`} uses
              {invite.expiresAt && ` · until ${invite.expiresAt.toLocaleString()}`}
            </span>
            <span className="w-16 text-xs text-muted">{stateLabels[invite.state]}</span>
            {invite.state === "active" && (
              <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ serverId: server.id, code: invite.code })}>
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
