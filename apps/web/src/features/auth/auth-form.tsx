"use client";

import { limits } from "@chat/validators/limits";
import Link from "next/link";
import { useActionState } from "react";

import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";

import { logIn, signUp } from "./actions";
import { type AuthState, initialAuthState } from "./auth-state";

const copy = {
  login: { title: "Welcome back!", subtitle: "We're so excited to see you again!", submit: "Log in" },
  signup: { title: "Create an account", subtitle: "Pick a name people will know you by.", submit: "Continue" },
};

/**
 * Log in or sign up through a Server Action: React renders the form with method="POST", so it
 * works before the page's JavaScript has loaded (or without it), and the same action runs in the
 * background once it has. The action sets the session cookie and redirects to `next`.
 */
export function AuthForm({ mode, next }: { mode: "login" | "signup"; next: string }) {
  const [state, submit, pending] = useActionState(mode === "login" ? logIn : signUp, initialAuthState);
  const fields = state.fields ?? {};
  const text = copy[mode];

  if (state.challenge) return <TwoFactorStep state={state} submit={submit} pending={pending} next={next} />;

  const otherHref = `${mode === "login" ? "/signup" : "/login"}?next=${encodeURIComponent(next)}`;
  return (
    <form action={submit} className="flex flex-col gap-5">
      <input type="hidden" name="next" value={next} />
      <div className="text-center">
        <h1 className="text-2xl font-semibold text-strong">{text.title}</h1>
        <p className="mt-1 text-muted">{text.subtitle}</p>
      </div>
      <Field
        label="Email"
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
          label="Username"
          name="username"
          autoComplete="username"
          required
          minLength={limits.username.min}
          maxLength={limits.username.max}
          hint="Letters, digits, '_' and '.'"
          defaultValue={state.username}
          error={fields.username}
        />
      )}
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === "login" ? "current-password" : "new-password"}
        required
        minLength={mode === "signup" ? limits.password.min : undefined}
        maxLength={limits.password.max}
        hint={mode === "signup" ? `At least ${limits.password.min} characters` : undefined}
        error={fields.password}
      />
      {!state.fields && <ErrorText>{state.error}</ErrorText>}
      <Button type="submit" pending={pending} className="w-full">
        {text.submit}
      </Button>
      <p className="text-sm text-muted">
        {mode === "login" ? "Need an account? " : "Already have an account? "}
        <Link href={otherHref} className="text-[#00a8fc] underline underline-offset-2">
          {mode === "login" ? "Register" : "Log in"}
        </Link>
      </p>
    </form>
  );
}

/** The second step of a login with two-factor on: a code from the app, or a recovery code. */
function TwoFactorStep({ state, submit, pending, next }: { state: AuthState; submit: (form: FormData) => void; pending: boolean; next: string }) {
  return (
    <form action={submit} className="flex flex-col gap-5">
      <input type="hidden" name="next" value={next} />
      <input type="hidden" name="challenge" value={state.challenge} />
      <div className="text-center">
        <h1 className="text-2xl font-semibold text-strong">Two-factor authentication</h1>
        <p className="mt-1 text-muted">Enter the 6-digit code from your authenticator app, or a recovery code.</p>
      </div>
      <Field label="Code" name="code" autoComplete="one-time-code" inputMode="text" required minLength={6} maxLength={32} autoFocus />
      <ErrorText>{state.error}</ErrorText>
      <Button type="submit" pending={pending} className="w-full">
        Verify
      </Button>
      {/* A full page load: the form starts over without the challenge. */}
      <a href={`/login?next=${encodeURIComponent(next)}`} className="text-sm text-[#00a8fc] hover:underline">
        Start again with your password
      </a>
    </form>
  );
}
