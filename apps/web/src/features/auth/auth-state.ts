import type { FormFailure } from "~/lib/form-failure";

/**
 * What the sign-in forms show after a submission: the refusal, the email and username typed
 * (never the password), and, mid-login with two-factor on, the challenge the code step answers.
 */
export interface AuthState extends FormFailure {
  email?: string;
  username?: string;
  challenge?: string;
}

export const initialAuthState: AuthState = {};
