import type { MessageSnapshotDto } from "./dto";
import type { ReactionChange } from "./reaction-store";

/**
 * A channel's message events. Sends and edits carry the message's snapshot (the same for every
 * viewer, so without reactions); a reaction event carries the change and the emoji's new count,
 * and each client works out `me` from the `userId`.
 */
export type ChannelEvent =
  | { type: "created" | "updated"; message: MessageSnapshotDto }
  | { type: "deleted"; message: MessageRef }
  | { type: "reaction"; message: MessageRef; reaction: ReactionChange };

export interface MessageRef {
  id: string;
  channelId: string;
}
