import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** Runs a server-side call; a missing or malformed id shows the not-found page instead of an error. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}
