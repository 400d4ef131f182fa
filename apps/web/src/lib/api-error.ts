import { TRPCClientError } from "@trpc/client";

interface ErrorData {
  code?: string;
  httpStatus?: number;
  zodError?: { fieldErrors?: Record<string, string[] | undefined>; formErrors?: string[] } | null;
}

function errorData(error: unknown): ErrorData | undefined {
  return error instanceof TRPCClientError ? (error.data as ErrorData | undefined) : undefined;
}

/** True when the server refused the request (4xx): retrying the same request cannot help. */
export function isClientFault(error: unknown): boolean {
  const status = errorData(error)?.httpStatus;
  return status !== undefined && status >= 400 && status < 500;
}

/** True when the server refused a body or a declared size past its limit (413). */
export function isTooLarge(error: unknown): boolean {
  return errorData(error)?.httpStatus === 413;
}

export function isUnauthorized(error: unknown): boolean {
  return errorData(error)?.code === "UNAUTHORIZED";
}

/** The words for failures the API did not word itself, in the reader's language (the `errors` messages). */
export type ErrorWords = (key: "offline" | "server") => string;

/** The message to show a person: the API's own wording for refusals, a next step for the rest. */
export function describeError(error: unknown, t: ErrorWords): string {
  if (isClientFault(error) && error instanceof Error) {
    const data = errorData(error);
    const firstField = Object.entries(data?.zodError?.fieldErrors ?? {}).find(([, messages]) => messages?.length);
    if (firstField) return `${firstField[0]} ${firstField[1]![0]}`;
    return error.message;
  }
  if (typeof navigator !== "undefined" && !navigator.onLine) return t("offline");
  return t("server");
}

/** Per-field messages from a validation refusal, for forms that show them beside each input. */
export function fieldErrors(error: unknown): Record<string, string | undefined> {
  const fields = errorData(error)?.zodError?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(fields).map(([name, messages]) => [name, messages?.[0]]));
}
