import "server-only";

import { type TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

import { errorCode } from "./server-errors";

/** Why a form's submission was refused, for the form to show: per field, or as one message. */
export interface FormFailure {
  error?: string;
  fields?: Record<string, string>;
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

/**
 * A refusal (4xx) of a server-side call, in the words the API chose; anything else is a fault,
 * rethrown for the error page and the log. Never includes what was submitted.
 */
export function formFailure(error: unknown): FormFailure {
  const code = errorCode(error);
  if (!code || getHTTPStatusCodeFromError(error as TRPCError) >= 500) throw error;
  const issues = (error as { cause?: { issues?: Issue[] } }).cause?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return { error: (error as Error).message };
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0])] ??= issue.message;
  const [name, message] = Object.entries(fields)[0]!;
  return { error: `${name} ${message}`, fields };
}
