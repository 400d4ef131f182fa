"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { inviteCodeFrom } from "./invite";
import { useEnterServer } from "./use-enter-server";

/** Joins with an invite code or a whole invite link, as people paste either. */
export function useJoinServer(onJoined?: () => void) {
  const trpc = useTRPC();
  const enter = useEnterServer(onJoined);
  return useMutation(trpc.server.join.mutationOptions({ onSuccess: enter }));
}

export function JoinServerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const describeError = useDescribeError();
  const join = useJoinServer(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    join.mutate({ inviteCode: inviteCodeFrom(String(new FormData(event.currentTarget).get("invite"))) });
  }

  return (
    <Dialog open={open} onClose={onClose} title="Join a server" description="Enter an invite below to join an existing server.">
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field
          label="Invite link"
          name="invite"
          required
          autoFocus
          placeholder="https://chat.example.com/invite/hTKzmak9Qz"
          hint="Invites look like hTKzmak9Qz or https://chat.example.com/invite/hTKzmak9Qz"
          error={join.error ? describeError(join.error) : undefined}
        />
        <DialogActions onCancel={onClose}>
          <Button type="submit" pending={join.isPending}>
            Join server
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
