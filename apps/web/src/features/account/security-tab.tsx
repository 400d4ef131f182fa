"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";

import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { describeError, fieldErrors } from "~/lib/api-error";
import { useTRPC } from "~/trpc/react";

import { TwoFactorSection } from "./two-factor-section";

/** Change the password (which signs out every other session), and two-factor authentication. */
export function SecurityTab() {
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
        <h3 className="text-xs font-bold tracking-wide text-muted uppercase">Password</h3>
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={limits.password.min}
          maxLength={limits.password.max}
          error={errors.newPassword}
        />
        <p className="text-sm text-muted">Changing your password signs you out everywhere else.</p>
        {change.error && !Object.values(errors).some(Boolean) && <ErrorText>{describeError(change.error)}</ErrorText>}
        {change.isSuccess && (
          <p role="status" className="text-sm text-online">
            Password changed{change.data.revoked > 0 && `; ${change.data.revoked} other session(s) signed out`}.
          </p>
        )}
        <Button type="submit" size="sm" pending={change.isPending} className="self-start">
          Change password
        </Button>
      </form>
      <TwoFactorSection />
    </div>
  );
}
