"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { type Person, can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";

/** Leaving (anyone but the owner) and deleting (the owner, after typing the server's name). */
export function DangerTab({ server, viewer }: { server: Server; viewer: Person }) {
  const t = useTranslations("servers.settings.danger");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const gone = async () => {
    queryClient.removeQueries(trpc.server.get.queryFilter({ serverId: server.id }));
    await queryClient.invalidateQueries(trpc.server.list.queryFilter());
    router.push("/channels");
  };
  const remove = useMutation(trpc.server.delete.mutationOptions({ onSuccess: gone }));
  const leave = useMutation(trpc.server.leave.mutationOptions({ onSuccess: gone }));

  return (
    <div className="flex flex-col gap-6">
      {can("server.leave", viewer) && (
        <section className="flex flex-col gap-3">
          <h3 className="font-semibold text-strong">{t("leaveTitle", { server: server.name })}</h3>
          <p className="text-sm text-muted">{t("leaveHint")}</p>
          <ErrorText>{leave.error && describeError(leave.error)}</ErrorText>
          <Button variant="danger" pending={leave.isPending} onClick={() => leave.mutate({ serverId: server.id })} className="self-start">
            {t("leave")}
          </Button>
        </section>
      )}
      {can("server.delete", viewer) && (
        <section className="flex flex-col gap-3">
          <h3 className="font-semibold text-strong">{t("deleteTitle", { server: server.name })}</h3>
          <p className="text-sm text-muted">{t("deleteHint")}</p>
          <Field label={t("confirm", { server: server.name })} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
          <ErrorText>{remove.error && describeError(remove.error)}</ErrorText>
          <Button
            variant="danger"
            disabled={typed.trim() !== server.name}
            pending={remove.isPending}
            onClick={() => remove.mutate({ serverId: server.id })}
            className="self-start"
          >
            {t("delete")}
          </Button>
        </section>
      )}
    </div>
  );
}
