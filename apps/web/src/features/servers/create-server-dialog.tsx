"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { useEnterServer } from "./use-enter-server";

export function CreateServerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const enter = useEnterServer(onClose);
  const create = useMutation(trpc.server.create.mutationOptions({ onSuccess: enter }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name")) });
  }

  return (
    <Dialog open={open} onClose={onClose} title="Create a server" description="Your server is where you and your friends hang out.">
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field label="Server name" name="name" required maxLength={limits.serverName.max} autoFocus placeholder="My friends" />
        <ErrorText>{create.error && describeError(create.error)}</ErrorText>
        <DialogActions onCancel={onClose}>
          <Button type="submit" pending={create.isPending}>
            Create server
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
