"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { formatExact } from "../messages/format-time";
import type { Member } from "./group-members";
import { useReplaceMember } from "./use-member-cache";

/** The lengths a moderator picks from, as Discord offers them, by the key naming each (`members.timeout.durations`). */
const durations = [
  { key: "minute", seconds: 60 },
  { key: "fiveMinutes", seconds: 5 * 60 },
  { key: "tenMinutes", seconds: 10 * 60 },
  { key: "hour", seconds: 60 * 60 },
  { key: "day", seconds: 24 * 60 * 60 },
  { key: "week", seconds: 7 * 24 * 60 * 60 },
] as const;

/** Times a member out for a chosen length, or lifts their current timeout early. */
export function TimeoutDialog({ serverId, member, onClose }: { serverId: string; member: Member; onClose: () => void }) {
  const t = useTranslations("members.timeout");
  const locale = useLocale();
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const replaceMember = useReplaceMember();
  const onSuccess = (changed: Member) => {
    replaceMember(serverId, changed);
    onClose();
  };
  const timeout = useMutation(trpc.member.timeout.mutationOptions({ onSuccess }));
  const lift = useMutation(trpc.member.removeTimeout.mutationOptions({ onSuccess }));
  const [seconds, setSeconds] = useState<number>(durations[0].seconds);
  const error = timeout.error ?? lift.error;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    timeout.mutate({ serverId, userId: member.userId, durationSeconds: seconds, reason });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={t("title", { name: member.username })}
      description={
        member.timedOutUntil
          ? t("current", { until: formatExact(member.timedOutUntil, locale) })
          : t("description")
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">{t("duration")}</legend>
          <div className="grid grid-cols-3 gap-2">
            {durations.map((duration) => (
              <label key={duration.seconds} className="flex items-center gap-2 rounded-md bg-rail px-2 py-1.5 text-sm has-checked:ring-2 has-checked:ring-brand">
                <input type="radio" name="duration" checked={seconds === duration.seconds} onChange={() => setSeconds(duration.seconds)} />
                {t(`durations.${duration.key}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label={t("reason")} name="reason" maxLength={limits.banReason.max} hint={t("reasonHint")} />
        <ErrorText>{error && describeError(error)}</ErrorText>
        <DialogActions onCancel={onClose}>
          {member.timedOutUntil && (
            <Button type="button" variant="secondary" pending={lift.isPending} onClick={() => lift.mutate({ serverId, userId: member.userId })}>
              {t("remove")}
            </Button>
          )}
          <Button type="submit" variant="danger" pending={timeout.isPending}>
            {t("submit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
