"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { PicturePicker } from "~/components/ui/picture-picker";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";

export function OverviewTab({ server }: { server: Server }) {
  const t = useTranslations("servers.settings.overview");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.server.get.queryFilter({ serverId: server.id })),
      queryClient.invalidateQueries(trpc.server.list.queryFilter()),
    ]);

  const rename = useMutation(
    trpc.server.update.mutationOptions({
      onSuccess: () => refresh(),
    }),
  );

  const removeIcon = useMutation(trpc.server.removeIcon.mutationOptions());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rename.mutate({ serverId: server.id, name: String(new FormData(event.currentTarget).get("name")) });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">{t("icon")}</legend>
        <PicturePicker
          name={server.name}
          src={server.iconUrl}
          uploadUrl={`/api/servers/${server.id}/icon`}
          remove={() => removeIcon.mutateAsync({ serverId: server.id })}
          onChanged={() => void refresh()}
        />
      </fieldset>
      <Field label={t("name")} name="name" required maxLength={limits.serverName.max} defaultValue={server.name} />
      <ErrorText>{rename.error && describeError(rename.error)}</ErrorText>
      {rename.isSuccess && (
        <p role="status" className="text-sm text-online">
          {t("saved")}
        </p>
      )}
      <Button type="submit" pending={rename.isPending} className="self-end">
        {t("save")}
      </Button>
    </form>
  );
}
