"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
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

/** What an invite looks like, as a bare code and as a link. */
const exampleCode = "hTKzmak9Qz";
const exampleLink = `https://chat.example.com/invite/${exampleCode}`;

export function JoinServerDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("servers.join");
  const describeError = useDescribeError();
  const join = useJoinServer(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    join.mutate({ inviteCode: inviteCodeFrom(String(new FormData(event.currentTarget).get("invite"))) });
  }

  return (
    <Dialog open onClose={onClose} title={t("title")} description={t("description")}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field
          label={t("link")}
          name="invite"
          required
          autoFocus
          placeholder={exampleLink}
          hint={t("hint", { code: exampleCode, link: exampleLink })}
          error={join.error ? describeError(join.error) : undefined}
        />
        <DialogActions onCancel={onClose}>
          <Button type="submit" pending={join.isPending}>
            {t("submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
