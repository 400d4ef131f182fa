"use client";


import { Check } from "~/components/icons";
import { type Person, type Subject, refusal, roleSubject } from "~/lib/can";
import { cn } from "~/lib/cn";

import { hexColour } from "./role-colour";
import type { ServerRole } from "./use-roles";

/**
 * The roles a member holds as checkboxes, highest first (`@everyone`, which everyone holds, left
 * out). A box the viewer may not change is disabled, with the API's reason as its title.
 */
export function RoleChecklist({
  roles,
  held,
  viewer,
  member,
  disabled,
  onToggle,
}: {
  roles: ServerRole[];
  held: readonly string[];
  viewer: Person | undefined;
  member: Subject;
  disabled?: boolean;
  onToggle: (roleId: string, held: boolean) => void;
}) {
  const memberRefusal = refusal("member.assignRole", viewer, member);
  return (
    <ul className="flex flex-col gap-0.5">
      {roles
        .filter((role) => role.builtIn !== "everyone")
        .map((role) => {
          const checked = held.includes(role.id);
          const reason = memberRefusal ?? refusal("role.manage", viewer, roleSubject(role));
          return (
            <li key={role.id}>
              <label
                title={reason ?? undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-2 py-1.5 text-sm",
                  reason ? "cursor-not-allowed opacity-55" : "cursor-pointer hover:bg-hover",
                )}
              >
                <input
                  type="checkbox"
                  className="peer sr-only"
                  checked={checked}
                  disabled={disabled || reason !== null}
                  onChange={(event) => onToggle(role.id, event.target.checked)}
                />
                <span
                  aria-hidden
                  className={cn(
                    "flex size-5 shrink-0 items-center justify-center rounded border peer-focus-visible:ring-2 peer-focus-visible:ring-brand",
                    checked ? "border-brand bg-brand text-white" : "border-muted/60",
                  )}
                >
                  {checked && <Check className="size-3.5" strokeWidth={3} />}
                </span>
                <span className="size-3 shrink-0 rounded-full" style={{ background: role.colour === null ? "var(--color-muted)" : hexColour(role.colour) }} aria-hidden />
                <span className="min-w-0 flex-1 truncate font-medium text-strong">{role.name}</span>
                {reason && <span className="sr-only">({reason})</span>}
              </label>
            </li>
          );
        })}
    </ul>
  );
}
