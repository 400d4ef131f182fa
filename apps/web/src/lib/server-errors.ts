import { notFound } from "next/navigation";

/**
 * The tRPC error code of a server-side call's failure. Checked by shape, not `instanceof`: the
 * API package and this app may each resolve their own copy of @trpc/server.
 */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== "TRPCError") return undefined;
  const { code } = error as Error & { code?: unknown };
  return typeof code === "string" ? code : undefined;
}

/** Runs a server-side call; a missing or malformed id shows the not-found page instead of an error. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    const code = errorCode(error);
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") notFound();
    throw error;
  }
}
