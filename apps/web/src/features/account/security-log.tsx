"use client";

import type { RouterOutputs } from "@chat/api";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";

import { useTRPC } from "~/trpc/react";

type SecurityEventKind = RouterOutputs["session"]["securityLog"][number]["kind"];

/** Each kind's message (a key cannot hold the kinds' dots). */
const eventKeys = {
  "sign_in.code_failed": "codeFailed",
  "password.changed": "passwordChanged",
  "two_factor.enabled": "twoFactorEnabled",
  "two_factor.disabled": "twoFactorDisabled",
} as const satisfies Record<SecurityEventKind, string>;

/** The account's security log: a wrong code here means someone has the password. */
export function SecurityLog() {
  const t = useTranslations("account.securityLog");
  const locale = useLocale();
  const trpc = useTRPC();
  const events = useQuery(trpc.session.securityLog.queryOptions());
  if (!events.data?.length) return null;
  return (
    <section aria-label={t("label")} className="flex flex-col gap-2 border-t border-line pt-4">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">{t("label")}</h3>
      <ul className="scrollbar-thin flex max-h-48 flex-col gap-1 overflow-y-auto">
        {events.data.map((event) => (
          <li key={event.id} className="flex flex-col px-2 py-1">
            <span className={event.kind === "sign_in.code_failed" ? "text-sm text-danger" : "text-sm text-text"}>{t(`events.${eventKeys[event.kind]}`)}</span>
            <span className="truncate text-xs text-muted">
              {event.createdAt.toLocaleString(locale)} · {event.device}
              {event.address && ` · ${event.address}`}
            </span>
          </li>
        ))}
      </ul>
      {events.data.some((event) => event.kind === "sign_in.code_failed") && (
        <p className="text-xs text-muted">{t("warning")}</p>
      )}
    </section>
  );
}
