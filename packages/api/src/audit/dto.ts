import { auditAction } from "@chat/validators";
import { z } from "zod";

import { id, timestamp } from "../core/dto";

export const auditEntryOutput = z
  .object({
    id,
    action: auditAction,
    actor: z.object({ id, username: z.string().nullable().meta({ description: "null once the account is deleted" }) }),
    target: z
      .object({ id: z.string(), name: z.string().nullable().meta({ description: "As it was at the time" }) })
      .nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: timestamp,
  })
  .meta({ id: "AuditEntry" });
export const auditPageOutput = z
  .object({
    items: z.array(auditEntryOutput).meta({ description: "Newest first" }),
    nextCursor: id.nullable().meta({ description: "Pass as `before` for the next (older) page" }),
  })
  .meta({ id: "AuditPage" });
