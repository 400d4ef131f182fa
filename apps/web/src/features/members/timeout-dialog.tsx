"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { describeError } from "~/lib/api-error";
import { useTRPC } from "~/trpc/react";

import { formatExact } from "../messages/format-time";
import type { Member } from "./group-members";
import { useReplaceMember } from "./use-member-cache";

/** The lengths a moderator picks from, as Discord offers them. */
const durations = [
  { label: "60 seconds", seconds: 60 },
  { label: "5 minutes", seconds: 5 * 60 },
  { label: "10 minutes", seconds: 10 * 60 },
  { label: "1 hour", seconds: 60 * 60 },
  { label: "1 day", seconds: 24 * 60 * 60 },
  { label: "1 week", seconds: 7 * 24 * 60 * 60 },
];

/** Times a member out for a chosen length, or lifts their current timeout early. */
export function TimeoutDialog({ serverId, member, onClose }: { serverId: string; member: Member; onClose: () => void }) {
  const trpc = useTRPC();
  const replaceMember = useReplaceMember();
  const onSuccess = (changed: Member) => {
    replaceMember(serverId, changed);
    onClose();
  };
  const timeout = useMutation(trpc.member.timeout.mutationOptions({ onSuccess }));
  const lift = useMutation(trpc.member.removeTimeout.mutationOptions({ onSuccess }));
  const [seconds, setSeconds] = useState(durations[0]!.seconds);
  const error = timeout.error ?? lift.error;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    timeout.mutate({ serverId, userId: member.userId, durationSeconds: seconds, reason });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Time out ${member.username}`}
      description={
        member.timedOutUntil
          ? `Timed out until ${formatExact(member.timedOutUntil)}. A new timeout replaces it.`
          : "They can still read, but cannot send, react or type until it ends."
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">Duration</legend>
          <div className="grid grid-cols-3 gap-2">
            {durations.map((duration) => (
              <label key={duration.seconds} className="flex items-center gap-2 rounded-md bg-rail px-2 py-1.5 text-sm has-checked:ring-2 has-checked:ring-brand">
                <input type="radio" name="duration" checked={seconds === duration.seconds} onChange={() => setSeconds(duration.seconds)} />
                {duration.label}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="Reason" name="reason" maxLength={limits.banReason.max} hint="Goes to the audit log" />
        <ErrorText>{error && describeError(error)}</ErrorText>
        <DialogActions onCancel={onClose}>
          {member.timedOutUntil && (
            <Button type="button" variant="secondary" pending={lift.isPending} onClick={() => lift.mutate({ serverId, userId: member.userId })}>
              Remove timeout
            </Button>
          )}
          <Button type="submit" variant="danger" pending={timeout.isPending}>
            Time out
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
