"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";

import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { ErrorText } from "~/components/ui/notice";
import { describeError, fieldErrors } from "~/lib/api-error";
import { useTRPC } from "~/trpc/react";

const copy = {
  login: { title: "Welcome back!", subtitle: "We're so excited to see you again!", submit: "Log in" },
  signup: { title: "Create an account", subtitle: "Pick a name people will know you by.", submit: "Continue" },
};

/**
 * Log in or sign up. The API answers with the httpOnly session cookie; the page then loads the
 * app afresh so that every connection (HTTP and the live socket) starts with the new session.
 */
export function AuthForm({ mode, next }: { mode: "login" | "signup"; next: string }) {
  const trpc = useTRPC();
  const [challenge, setChallenge] = useState<string | null>(null);
  const done = () => window.location.assign(next);
  const login = useMutation(
    trpc.auth.login.mutationOptions({ onSuccess: (result) => ("challenge" in result ? setChallenge(result.challenge) : done()) }),
  );
  const signup = useMutation(trpc.auth.signup.mutationOptions({ onSuccess: done }));
  const mutation = mode === "login" ? login : signup;
  const waiting = mutation.isPending || (mutation.isSuccess && !challenge);
  const errors = fieldErrors(mutation.error);
  const text = copy[mode];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    if (mode === "login") login.mutate({ email, password });
    else signup.mutate({ email, password, username: String(form.get("username")) });
  }

  if (challenge) return <TwoFactorStep challenge={challenge} onDone={done} />;

  const otherHref = `${mode === "login" ? "/signup" : "/login"}?next=${encodeURIComponent(next)}`;
  return (
    <form onSubmit={submit} className="flex flex-col gap-5">
      <div className="text-center">
        <h1 className="text-2xl font-semibold text-strong">{text.title}</h1>
        <p className="mt-1 text-muted">{text.subtitle}</p>
      </div>
      <Field label="Email" name="email" type="email" autoComplete="email" required maxLength={limits.email.max} error={errors.email} />
      {mode === "signup" && (
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          required
          minLength={limits.username.min}
          maxLength={limits.username.max}
          hint="Letters, digits, '_' and '.'"
          error={errors.username}
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
        error={errors.password}
      />
      {mutation.error && !Object.values(errors).some(Boolean) && <ErrorText>{describeError(mutation.error)}</ErrorText>}
      <Button type="submit" pending={waiting} className="w-full">
        {text.submit}
      </Button>
      <p className="text-sm text-muted">
        {mode === "login" ? "Need an account? " : "Already have an account? "}
        <Link href={otherHref} className="text-[#00a8fc] hover:underline">
          {mode === "login" ? "Register" : "Log in"}
        </Link>
      </p>
    </form>
  );
}

/** The second step of a login with two-factor on: a code from the app, or a recovery code. */
function TwoFactorStep({ challenge, onDone }: { challenge: string; onDone: () => void }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.auth.verifyTwoFactor.mutationOptions({ onSuccess: onDone }));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    verify.mutate({ challenge, code: String(new FormData(event.currentTarget).get("code")) });
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-5">
      <div className="text-center">
        <h1 className="text-2xl font-semibold text-strong">Two-factor authentication</h1>
        <p className="mt-1 text-muted">Enter the 6-digit code from your authenticator app, or a recovery code.</p>
      </div>
      <Field label="Code" name="code" autoComplete="one-time-code" inputMode="text" required minLength={6} maxLength={32} autoFocus />
      <ErrorText>{verify.error && describeError(verify.error)}</ErrorText>
      <Button type="submit" pending={verify.isPending || verify.isSuccess} className="w-full">
        Verify
      </Button>
    </form>
  );
}
