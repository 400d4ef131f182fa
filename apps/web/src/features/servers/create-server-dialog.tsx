"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { useEnterServer } from "./use-enter-server";

export function CreateServerDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("servers.create");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const enter = useEnterServer(onClose);
  const create = useMutation(trpc.server.create.mutationOptions({ onSuccess: enter }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name")) });
  }

  return (
    <Dialog open onClose={onClose} title={t("title")} description={t("description")}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field label={t("name")} name="name" required maxLength={limits.serverName.max} autoFocus placeholder={t("namePlaceholder")} />
        <ErrorText>{create.error && describeError(create.error)}</ErrorText>
        <DialogActions onCancel={onClose}>
          <Button type="submit" pending={create.isPending}>
            {t("submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
