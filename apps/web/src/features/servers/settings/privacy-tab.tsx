"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { Switch } from "~/components/ui/switch";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";

/**
 * Whether this server's members may open a DM with the viewer: the account's answer (Settings → Privacy) unless
 * this server has its own, which can be dropped again.
 */
export function PrivacyTab({ server }: { server: Server }) {
  const t = useTranslations("servers.settings.privacy");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const serverId = server.id;
  const account = useQuery(trpc.user.privacy.queryOptions());
  const here = useQuery(trpc.user.serverPrivacy.queryOptions({ serverId }));
  const update = useMutation(
    trpc.user.updateServerPrivacy.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.user.serverPrivacy.queryKey({ serverId }), saved),
    }),
  );
  const own = update.isPending ? update.variables.allowDms : here.data?.allowDms;
  const fallback = account.data?.allowServerDms ?? true;
  const error = update.error ?? here.error ?? account.error;
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">{t("title")}</h3>
      <Switch
        label={t("allow", { server: server.name })}
        description={
          own === null || own === undefined
            ? t(fallback ? "accountOn" : "accountOff")
            : t("own")
        }
        checked={own ?? fallback}
        disabled={!here.data || !account.data || update.isPending}
        onChange={(allowDms) => update.mutate({ serverId, allowDms })}
      />
      {own !== null && own !== undefined && (
        <Button variant="link" className="self-start text-sm" disabled={update.isPending} onClick={() => update.mutate({ serverId, allowDms: null })}>
          {t("follow")}
        </Button>
      )}
      <ErrorText>{error && describeError(error)}</ErrorText>
    </section>
  );
}
