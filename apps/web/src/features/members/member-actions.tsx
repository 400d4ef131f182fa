"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban, Clock, UserMinus } from "lucide-react";
import { type FormEvent, useState } from "react";

import { Button, IconButton } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { describeError } from "~/lib/api-error";
import { type Person, can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import type { Member } from "./group-members";
import { TimeoutDialog } from "./timeout-dialog";

type Removal = "kick" | "ban";

/** Time out, kick and ban buttons beside a member, shown only when the permission table allows them. */
export function MemberActions({ serverId, viewer, member }: { serverId: string; viewer: Person | undefined; member: Member }) {
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [timingOut, setTimingOut] = useState(false);
  const target = { userId: member.userId, role: member.role };
  const allowed = { kick: can("member.remove", viewer, target), ban: can("member.ban", viewer, target), timeout: can("member.timeout", viewer, target) };
  if (!allowed.kick && !allowed.ban && !allowed.timeout) return null;
  return (
    <>
      {allowed.timeout && (
        <IconButton
          label={member.timedOutUntil ? `Timeout of ${member.username}` : `Time out ${member.username}`}
          onClick={() => setTimingOut(true)}
          className="size-7 opacity-0 group-hover:opacity-100 focus:opacity-100"
        >
          <Clock className="size-4" aria-hidden />
        </IconButton>
      )}
      {allowed.kick && (
        <IconButton label={`Kick ${member.username}`} onClick={() => setRemoval("kick")} className="size-7 opacity-0 group-hover:opacity-100 focus:opacity-100">
          <UserMinus className="size-4" aria-hidden />
        </IconButton>
      )}
      {allowed.ban && (
        <IconButton label={`Ban ${member.username}`} onClick={() => setRemoval("ban")} className="size-7 opacity-0 group-hover:opacity-100 focus:opacity-100">
          <Ban className="size-4" aria-hidden />
        </IconButton>
      )}
      <RemovalDialog serverId={serverId} member={member} removal={removal} onClose={() => setRemoval(null)} />
      {timingOut && <TimeoutDialog serverId={serverId} member={member} onClose={() => setTimingOut(false)} />}
    </>
  );
}

function RemovalDialog({ serverId, member, removal, onClose }: { serverId: string; member: Member; removal: Removal | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = async () => {
    onClose();
    await Promise.all([
      queryClient.invalidateQueries(trpc.member.list.queryFilter({ serverId })),
      queryClient.invalidateQueries(trpc.member.listBans.queryFilter({ serverId })),
    ]);
  };
  const kick = useMutation(trpc.member.remove.mutationOptions({ onSuccess }));
  const ban = useMutation(trpc.member.ban.mutationOptions({ onSuccess }));
  const mutation = removal === "ban" ? ban : kick;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    const input = { serverId, userId: member.userId, reason };
    if (removal === "ban") ban.mutate(input);
    else kick.mutate(input);
  }

  const verb = removal === "ban" ? "Ban" : "Kick";
  return (
    <Dialog
      open={removal !== null}
      onClose={onClose}
      title={`${verb} ${member.username}`}
      description={removal === "ban" ? "They are removed and cannot rejoin by any invite until unbanned." : "They are removed and may rejoin with an invite."}
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field label="Reason" name="reason" maxLength={limits.banReason.max} hint="Goes to the audit log" />
        <ErrorText>{mutation.error && describeError(mutation.error)}</ErrorText>
        <DialogActions onCancel={onClose}>
          <Button type="submit" variant="danger" pending={mutation.isPending}>
            {verb}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
