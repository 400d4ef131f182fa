"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { ErrorText } from "~/components/ui/notice";
import { Switch } from "~/components/ui/switch";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

/** Who may open a DM with you: friends always may; people who share a server with you, while this is on. */
export function PrivacyTab() {
  const t = useTranslations("account.privacy");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const privacy = useQuery(trpc.user.privacy.queryOptions());
  const update = useMutation(
    trpc.user.updatePrivacy.mutationOptions({ onSuccess: (saved) => queryClient.setQueryData(trpc.user.privacy.queryKey(), saved) }),
  );
  const error = update.error ?? privacy.error;
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">{t("heading")}</h3>
      <Switch
        label={t("label")}
        description={t("description")}
        checked={(update.isPending ? update.variables.allowServerDms : privacy.data?.allowServerDms) ?? true}
        disabled={!privacy.data || update.isPending}
        onChange={(allowServerDms) => update.mutate({ allowServerDms })}
      />
      <ErrorText>{error && describeError(error)}</ErrorText>
    </section>
  );
}
