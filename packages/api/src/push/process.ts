import type { Database } from "@chat/db";
import { env } from "@chat/env";

import type { Log } from "../core/log";
import { processSingleton } from "../core/process-singleton";
import { type PushDelivery, createPushDelivery } from "./deliver";
import { loadVapidKeys } from "./vapid";

/**
 * The process's Web Push delivery, with the VAPID keys of the environment (VAPID_*) or a pair
 * generated once into DATA_DIR, for the servers to hand their contexts (as `rateRules` come from it).
 */
export function processPushDelivery(services: { db: Database; log: Log }): PushDelivery {
  // One per process, whichever transport asks: its queue bounds what is sent at once.
  return processSingleton("push", services.db, () => {
    const vapid = loadVapidKeys({
      publicKey: env.VAPID_PUBLIC_KEY,
      privateKey: env.VAPID_PRIVATE_KEY,
      subject: env.VAPID_SUBJECT,
      dataDir: env.DATA_DIR,
      publicUrl: env.PUBLIC_URL,
    });
    return createPushDelivery({ db: services.db, log: services.log, vapid });
  });
}
