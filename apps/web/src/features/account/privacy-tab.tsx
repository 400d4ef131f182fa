"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { ErrorText } from "~/components/ui/notice";
import { Switch } from "~/components/ui/switch";
import { describeError } from "~/lib/api-error";
import { useTRPC } from "~/trpc/react";

/** Who may open a DM with you: friends always may; people who share a server with you, while this is on. */
export function PrivacyTab() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const privacy = useQuery(trpc.user.privacy.queryOptions());
  const update = useMutation(
    trpc.user.updatePrivacy.mutationOptions({ onSuccess: (saved) => queryClient.setQueryData(trpc.user.privacy.queryKey(), saved) }),
  );
  const error = update.error ?? privacy.error;
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">Direct messages</h3>
      <Switch
        label="Allow direct messages from server members"
        description="People who share a server with you may open a DM with you. Friends always may, and blocked people never."
        checked={(update.isPending ? update.variables.allowServerDms : privacy.data?.allowServerDms) ?? true}
        disabled={!privacy.data || update.isPending}
        onChange={(allowServerDms) => update.mutate({ allowServerDms })}
      />
      <ErrorText>{error && describeError(error)}</ErrorText>
    </section>
  );
}
