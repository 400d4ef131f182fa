"use client";

import { limits } from "@chat/validators/limits";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import type { FormEvent } from "react";

import { PresenceDot } from "~/components/ui/avatar";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { type PresenceChoice, presenceChoices } from "./presence-choices";

/** The expiries offered, by the key naming each (`account.status.durations`), and their seconds ("" never). */
const clearAfter = [
  ["never", ""],
  ["halfHour", "1800"],
  ["hour", "3600"],
  ["fourHours", "14400"],
  ["day", "86400"],
] as const;

/** The status picker: presence, then a custom status with an optional emoji and expiry. */
export function StatusTab() {
  const t = useTranslations("account.status");
  const tPresence = useTranslations("account.presence");
  const locale = useLocale();
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.status.get.queryOptions());
  const set = useMutation(
    trpc.status.set.mutationOptions({ onSuccess: (saved) => queryClient.setQueryData(trpc.status.get.queryKey(), saved) }),
  );

  function saveCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = String(form.get("text") ?? "").trim();
    const emoji = String(form.get("emoji") ?? "").trim() || null;
    const expiresInSeconds = Number(form.get("clearAfter")) || null;
    set.mutate({ custom: text || emoji ? { text, emoji, expiresInSeconds } : null });
  }

  return (
    <div className="flex flex-col gap-5">
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">{t("presence")}</legend>
        {(Object.keys(presenceChoices) as PresenceChoice[]).map((value) => {
          const { dot, hint } = presenceChoices[value];
          return (
            <button
              key={value}
              type="button"
              aria-pressed={status.data?.presence === value}
              onClick={() => set.mutate({ presence: value })}
              className={cn("flex items-center gap-3 rounded-md px-2 py-1.5 text-left text-sm hover:bg-hover", status.data?.presence === value && "bg-active")}
            >
              <PresenceDot status={dot} />
              <span className="font-medium text-strong">{tPresence(value)}</span>
              {hint && <span className="text-xs text-muted">{tPresence(hint)}</span>}
            </button>
          );
        })}
      </fieldset>
      <form key={JSON.stringify(status.data?.custom ?? null)} onSubmit={saveCustom} className="flex flex-col gap-3 border-t border-line pt-4">
        <div className="flex gap-2">
          <Field label={t("emoji")} name="emoji" defaultValue={status.data?.custom?.emoji ?? ""} className="w-20" maxLength={16} />
          <Field label={t("custom")} name="text" defaultValue={status.data?.custom?.text ?? ""} className="flex-1" maxLength={limits.statusText.max} />
        </div>
        <label className="flex items-center gap-2 text-sm text-muted">
          {t("clearAfter")}
          <select name="clearAfter" className="rounded-md bg-rail px-2 py-1 text-sm text-text">
            {clearAfter.map(([key, value]) => (
              <option key={key} value={value}>
                {t(`durations.${key}`)}
              </option>
            ))}
          </select>
        </label>
        {status.data?.custom?.expiresAt && <p className="text-xs text-muted">{t("clearsAt", { time: status.data.custom.expiresAt.toLocaleString(locale) })}</p>}
        <ErrorText>{set.error && describeError(set.error)}</ErrorText>
        <div className="flex gap-2">
          <Button type="submit" size="sm" pending={set.isPending}>
            {t("save")}
          </Button>
          {status.data?.custom && (
            <Button variant="ghost" size="sm" onClick={() => set.mutate({ custom: null })}>
              {t("clear")}
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}
