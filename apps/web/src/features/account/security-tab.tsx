"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { fieldErrors } from "~/lib/api-error";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { TwoFactorSection } from "./two-factor-section";

/** Change the password (which signs out every other session), and two-factor authentication. */
export function SecurityTab() {
  const t = useTranslations("account.security");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const errors = fieldErrors(change.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    change.mutate({
      currentPassword: String(form.get("currentPassword")),
      newPassword: String(form.get("newPassword")),
    });
  }

  return (
    <div className="flex flex-col gap-5">
      <form method="post" onSubmit={submit} className="flex flex-col gap-3">
        <h3 className="text-xs font-bold tracking-wide text-muted uppercase">{t("heading")}</h3>
        <Field label={t("current")} name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
        <Field
          label={t("new")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={limits.password.min}
          maxLength={limits.password.max}
          error={errors.newPassword}
        />
        <p className="text-sm text-muted">{t("note")}</p>
        {change.error && !Object.values(errors).some(Boolean) && <ErrorText>{describeError(change.error)}</ErrorText>}
        {change.isSuccess && (
          <p role="status" className="text-sm text-online">
            {t("changed", { revoked: change.data.revoked })}
          </p>
        )}
        <Button type="submit" size="sm" pending={change.isPending} className="self-start">
          {t("submit")}
        </Button>
      </form>
      <TwoFactorSection />
    </div>
  );
}
