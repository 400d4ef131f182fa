import { z } from "zod";

import { id } from "../core/dto";
import { userSummaryOutput } from "../relationships/dto";
import { readStateShape } from "../unread/dto";

/** A DM or group as lists show it: its people (you included), and where it stands. */
export const conversationSummaryOutput = z
  .object({
    id,
    kind: z.enum(["dm", "group"]),
    name: z.string().meta({ description: "A group's name; empty for a DM, or a group not named (show its people)" }),
    ownerId: id.nullable().meta({ description: "A group's owner; null for a DM" }),
    recipients: z.array(userSummaryOutput).meta({ description: "Everyone in it, you included" }),
    lastMessageId: id.nullable().meta({ description: "The latest message id it gave out (deleted ones count; lists are ordered by it); null before the first" }),
  })
  .meta({ id: "ConversationSummary" });
export type ConversationSummaryDto = z.infer<typeof conversationSummaryOutput>;

export const conversationOutput = conversationSummaryOutput
  .extend({ ...readStateShape, muted: z.boolean().meta({ description: "Muted by you: no notifications and no unread marks (the counts still count)" }) })
  .meta({ id: "Conversation" });
export type ConversationDto = z.infer<typeof conversationOutput>;

export const conversationMutedOutput = z.object({ channelId: id, muted: z.boolean() }).meta({ id: "ConversationMuted" });
