"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";

import { Button } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { describeError } from "~/lib/api-error";
import { type Person, can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { inviteLink } from "../invite";
import { LimitedInvites } from "./limited-invites";
import type { Server } from "./server-settings-dialog";

export function InviteTab({ server, viewer }: { server: Server; viewer: Person }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [copied, setCopied] = useState(false);
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const link = inviteLink(server.inviteCode, origin);

  const regenerate = useMutation(
    trpc.server.regenerateInvite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.server.get.queryFilter({ serverId: server.id })),
    }),
  );

  async function copy() {
    await navigator.clipboard.writeText(link);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted">Send this link to a friend. Anyone with it can join {server.name}.</p>
      <div className="flex flex-col gap-2">
        <label htmlFor="invite-link" className="text-xs font-bold tracking-wide text-muted uppercase">
          Invite link
        </label>
        <div className="flex gap-2">
          <input id="invite-link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} className={inputClass} />
          <Button onClick={copy} className="w-28 shrink-0">
            {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
        <p className="text-xs text-muted">
          Invite code: <code className="rounded bg-rail px-1 py-0.5 text-text">{server.inviteCode}</code>
        </p>
      </div>
      {can("server.regenerateInvite", viewer) && (
        <div className="flex flex-col gap-2 border-t border-line pt-4">
          <p className="text-sm text-muted">A new link stops the old one from working; people already in the server stay.</p>
          <ErrorText>{regenerate.error && describeError(regenerate.error)}</ErrorText>
          <Button variant="secondary" pending={regenerate.isPending} onClick={() => regenerate.mutate({ serverId: server.id })} className="self-start">
            Regenerate invite link
          </Button>
        </div>
      )}
      {can("invite.manage", viewer) && <LimitedInvites server={server} />}
    </div>
  );
}
