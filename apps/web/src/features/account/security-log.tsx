"use client";

import type { RouterOutputs } from "@chat/api";
import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "~/trpc/react";

type SecurityEventKind = RouterOutputs["session"]["securityLog"][number]["kind"];

const describe: Record<SecurityEventKind, string> = {
  "sign_in.code_failed": "Wrong two-factor code after your password",
  "password.changed": "Password changed",
  "two_factor.enabled": "Two-factor turned on",
  "two_factor.disabled": "Two-factor turned off",
};

/** The account's security log: a wrong code here means someone has the password. */
export function SecurityLog() {
  const trpc = useTRPC();
  const events = useQuery(trpc.session.securityLog.queryOptions());
  if (!events.data?.length) return null;
  return (
    <section aria-label="Security log" className="flex flex-col gap-2 border-t border-line pt-4">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">Security log</h3>
      <ul className="scrollbar-thin flex max-h-48 flex-col gap-1 overflow-y-auto">
        {events.data.map((event) => (
          <li key={event.id} className="flex flex-col px-2 py-1">
            <span className={event.kind === "sign_in.code_failed" ? "text-sm text-danger" : "text-sm text-text"}>{describe[event.kind]}</span>
            <span className="truncate text-xs text-muted">
              {event.createdAt.toLocaleString()} · {event.device}
              {event.address && ` · ${event.address}`}
            </span>
          </li>
        ))}
      </ul>
      {events.data.some((event) => event.kind === "sign_in.code_failed") && (
        <p className="text-xs text-muted">A wrong code after your password means someone may know it: change your password.</p>
      )}
    </section>
  );
}
