"use server";

import { redirect } from "next/navigation";

import { formFailure } from "~/lib/form-failure";
import { safeNext } from "~/lib/safe-next";
import { callAsRequest } from "~/trpc/action-caller";

import type { AuthState } from "./auth-state";

/**
 * The sign-in forms post here (Server Actions): with or without the page's JavaScript, secrets
 * travel in a POST body, never in a URL. Success sets the session cookie and redirects to `next`.
 */

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Email and password; with two-factor on, a second submission carries the challenge and a code. */
export async function logIn(_previous: AuthState, form: FormData): Promise<AuthState> {
  const challenge = field(form, "challenge");
  try {
    if (challenge) {
      await callAsRequest((caller) => caller.auth.verifyTwoFactor({ challenge, code: field(form, "code") }));
    } else {
      const email = field(form, "email");
      const result = await callAsRequest((caller) => caller.auth.login({ email, password: field(form, "password") }));
      if ("challenge" in result) return { challenge: result.challenge };
    }
  } catch (error) {
    return challenge ? { ...formFailure(error), challenge } : { ...formFailure(error), email: field(form, "email") };
  }
  redirect(safeNext(field(form, "next")));
}

export async function signUp(_previous: AuthState, form: FormData): Promise<AuthState> {
  const email = field(form, "email");
  const username = field(form, "username");
  try {
    await callAsRequest((caller) => caller.auth.signup({ email, username, password: field(form, "password") }));
  } catch (error) {
    return { ...formFailure(error), email, username };
  }
  redirect(safeNext(field(form, "next")));
}
