"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";
import { useInviteLink } from "./use-invite-link";

/** An invite's lifetimes: the name of each in `lifetimes`, and its seconds ("" for none). */
const lifetimes = [
  ["never", ""],
  ["halfHour", "1800"],
  ["hour", "3600"],
  ["day", "86400"],
  ["week", "604800"],
] as const;
/** An invite's limits on uses ("" for none). */
const useLimits = ["", "1", "5", "10", "100"] as const;
const selectClass = "rounded-md bg-rail px-2 py-1.5 text-sm text-text";

/** Invites besides the standing link: each may expire or run out of uses, and can be revoked. */
export function LimitedInvites({ server }: { server: Server }) {
  const t = useTranslations("servers.settings.limitedInvites");
  const locale = useLocale();
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const linkTo = useInviteLink();
  const invites = useQuery(trpc.invite.list.queryOptions({ serverId: server.id }));
  const refresh = () => queryClient.invalidateQueries(trpc.invite.list.queryFilter({ serverId: server.id }));
  const create = useMutation(trpc.invite.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.invite.revoke.mutationOptions({ onSuccess: refresh }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiresInSeconds = Number(form.get("expires")) || undefined;
    const maxUses = Number(form.get("maxUses")) || undefined;
    create.mutate({ serverId: server.id, expiresInSeconds, maxUses });
  }

  return (
    <div className="flex flex-col gap-3 border-t border-line pt-4">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">{t("title")}</h3>
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
        <select name="expires" aria-label={t("expireAfter")} className={selectClass}>
          {lifetimes.map(([lifetime, value]) => (
            <option key={lifetime} value={value}>
              {t("expires", { lifetime: t(`lifetimes.${lifetime}`) })}
            </option>
          ))}
        </select>
        <select name="maxUses" aria-label={t("maxUses")} className={selectClass}>
          {useLimits.map((value) => (
            <option key={value} value={value}>
              {value ? t("useLimit", { count: Number(value) }) : t("noLimit")}
            </option>
          ))}
        </select>
        <Button type="submit" size="sm" pending={create.isPending}>
          {t("create")}
        </Button>
      </form>
      <ErrorText>{(create.error ?? revoke.error) && describeError(create.error ?? revoke.error)}</ErrorText>
      <ul aria-label={t("list")} className="scrollbar-thin flex max-h-48 flex-col gap-1 overflow-y-auto">
        {invites.data?.map((invite) => (
          <li key={invite.code} data-code={invite.code} className="flex items-center gap-3 rounded-md px-2 py-1 text-sm hover:bg-hover">
            <code className="min-w-0 flex-1 truncate text-text" title={linkTo(invite.code)}>
              {invite.code}
            </code>
            <span className="text-xs text-muted">
              {invite.maxUses === null ? t("uses", { uses: invite.uses }) : t("usesOf", { uses: invite.uses, max: invite.maxUses })}
              {invite.expiresAt && ` · ${t("until", { date: invite.expiresAt.toLocaleString(locale) })}`}
            </span>
            <span className="w-16 text-xs text-muted">{t(`states.${invite.state}`)}</span>
            {invite.state === "active" && (
              <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ serverId: server.id, code: invite.code })}>
                {t("revoke")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
