"use client";

import { limits } from "@chat/validators/limits";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";

import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";

import { logIn, signUp } from "./actions";
import { type AuthState, initialAuthState } from "./auth-state";

/**
 * Log in or sign up through a Server Action: React renders the form with method="POST", so it
 * works before the page's JavaScript has loaded (or without it), and the same action runs in the
 * background once it has. The action sets the session cookie and redirects to `next`.
 */
export function AuthForm({ mode, next }: { mode: "login" | "signup"; next: string }) {
  const t = useTranslations("auth");
  const [state, submit, pending] = useActionState(mode === "login" ? logIn : signUp, initialAuthState);
  const fields = state.fields ?? {};

  if (state.challenge) return <TwoFactorStep state={state} submit={submit} pending={pending} next={next} />;

  const otherHref = `${mode === "login" ? "/signup" : "/login"}?next=${encodeURIComponent(next)}`;
  return (
    <form action={submit} className="flex flex-col gap-5">
      <input type="hidden" name="next" value={next} />
      <div className="text-center">
        <h1 className="text-2xl font-semibold text-strong">{t(`${mode}.title`)}</h1>
        <p className="mt-1 text-muted">{t(`${mode}.subtitle`)}</p>
      </div>
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={limits.email.max}
        defaultValue={state.email}
        error={fields.email}
      />
      {mode === "signup" && (
        <Field
          label={t("username")}
          name="username"
          autoComplete="username"
          required
          minLength={limits.username.min}
          maxLength={limits.username.max}
          hint={t("usernameHint")}
          defaultValue={state.username}
          error={fields.username}
        />
      )}
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete={mode === "login" ? "current-password" : "new-password"}
        required
        minLength={mode === "signup" ? limits.password.min : undefined}
        maxLength={limits.password.max}
        hint={mode === "signup" ? t("passwordHint", { min: limits.password.min }) : undefined}
        error={fields.password}
      />
      {!state.fields && <ErrorText>{state.error}</ErrorText>}
      <Button type="submit" pending={pending} className="w-full">
        {t(`${mode}.submit`)}
      </Button>
      <p className="text-sm text-muted">
        {t(`${mode}.other`)}
        <Link href={otherHref} className="text-[#00a8fc] underline underline-offset-2">
          {t(`${mode}.otherLink`)}
        </Link>
      </p>
    </form>
  );
}

/** The second step of a login with two-factor on: a code from the app, or a recovery code. */
function TwoFactorStep({ state, submit, pending, next }: { state: AuthState; submit: (form: FormData) => void; pending: boolean; next: string }) {
  const t = useTranslations("auth.twoFactor");
  return (
    <form action={submit} className="flex flex-col gap-5">
      <input type="hidden" name="next" value={next} />
      <input type="hidden" name="challenge" value={state.challenge} />
      <div className="text-center">
        <h1 className="text-2xl font-semibold text-strong">{t("title")}</h1>
        <p className="mt-1 text-muted">{t("subtitle")}</p>
      </div>
      <Field label={t("code")} name="code" autoComplete="one-time-code" inputMode="text" required minLength={6} maxLength={32} autoFocus />
      <ErrorText>{state.error}</ErrorText>
      <Button type="submit" pending={pending} className="w-full">
        {t("verify")}
      </Button>
      {/* A full page load: the form starts over without the challenge. */}
      <a href={`/login?next=${encodeURIComponent(next)}`} className="text-sm text-[#00a8fc] hover:underline">
        {t("restart")}
      </a>
    </form>
  );
}
