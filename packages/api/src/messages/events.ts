import type { MessageSnapshotDto } from "./dto";
import type { PinChange } from "./pins";
import type { ReactionChange } from "./reaction-store";

/**
 * A channel's message events. Sends and edits carry the message's snapshot (the same for every
 * viewer, so without reactions); a reaction event carries the change and the emoji's new count,
 * and each client works out `me` from the `userId`; a pin event says who pinned or unpinned, and when.
 */
export type ChannelEvent =
  | { type: "created" | "updated"; message: MessageSnapshotDto }
  | { type: "deleted"; message: MessageRef }
  | { type: "reaction"; message: MessageRef; reaction: ReactionChange }
  | { type: "pinned" | "unpinned"; message: MessageRef; pin: PinChange };

export interface MessageRef {
  id: string;
  channelId: string;
}
