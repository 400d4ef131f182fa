import type { RouterOutputs } from "@chat/api";

import type { DotStatus } from "~/components/ui/avatar";

export type PresenceChoice = RouterOutputs["status"]["get"]["presence"];

/**
 * The presences a user may choose, each named by `account.presence.<choice>`, with the dot others then see and the
 * key of what the status picker adds about it.
 */
export const presenceChoices: Record<PresenceChoice, { dot: DotStatus; hint: "invisibleHint" | null }> = {
  online: { dot: "online", hint: null },
  idle: { dot: "idle", hint: null },
  dnd: { dot: "dnd", hint: null },
  invisible: { dot: "offline", hint: "invisibleHint" },
};
