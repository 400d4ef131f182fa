import type { RouterOutputs } from "@chat/api";

import type { DotStatus } from "~/components/ui/avatar";

export type PresenceChoice = RouterOutputs["status"]["get"]["presence"];

/** The presences a user may choose, named as the status picker and their own panel show them, with the dot others then see. */
export const presenceChoices: Record<PresenceChoice, { label: string; dot: DotStatus; hint: string }> = {
  online: { label: "Online", dot: "online", hint: "" },
  idle: { label: "Idle", dot: "idle", hint: "" },
  dnd: { label: "Do not disturb", dot: "dnd", hint: "" },
  invisible: { label: "Invisible", dot: "offline", hint: "You appear offline to others" },
};
