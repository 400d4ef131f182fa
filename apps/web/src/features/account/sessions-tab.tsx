"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";

import { Monitor } from "~/components/icons";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { SecurityLog } from "./security-log";

/** Where the user is signed in (any other device can be signed out, one by one or all at once), and the security log. */
export function SessionsTab() {
  const t = useTranslations("account.sessions");
  const locale = useLocale();
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.session.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.session.list.queryFilter());
  const revoke = useMutation(trpc.session.revoke.mutationOptions({ onSuccess: refresh }));
  const revokeOthers = useMutation(trpc.session.revokeOthers.mutationOptions({ onSuccess: refresh }));
  const others = sessions.data?.filter((session) => !session.current) ?? [];

  return (
    <div className="flex flex-col gap-3">
      <ErrorText>{(revoke.error ?? revokeOthers.error) && describeError(revoke.error ?? revokeOthers.error)}</ErrorText>
      <ul aria-label={t("label")} className="scrollbar-thin flex max-h-80 flex-col gap-1 overflow-y-auto">
        {sessions.data?.map((session) => (
          <li key={session.id} className="flex items-center gap-3 rounded-md px-2 py-2 hover:bg-hover">
            <Monitor className="size-5 shrink-0 text-muted" aria-hidden />
            <div className="flex min-w-0 flex-1 flex-col">
              <span className="truncate text-sm font-medium text-strong">
                {session.device}
                {session.current && <span className="ml-2 text-xs font-normal text-online">{t("thisDevice")}</span>}
              </span>
              <span className="truncate text-xs text-muted">
                {t("seen", { signedIn: session.createdAt.toLocaleString(locale), lastSeen: session.lastSeenAt.toLocaleString(locale) })}
              </span>
            </div>
            {!session.current && (
              <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ sessionId: session.id })}>
                {t("signOut")}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <Button variant="danger" size="sm" pending={revokeOthers.isPending} onClick={() => revokeOthers.mutate()} className="self-start">
          {t("signOutOthers")}
        </Button>
      )}
      <SecurityLog />
    </div>
  );
}
