import type { Database } from "@chat/db";
import { env } from "@chat/env";

import type { Log } from "../core/log";
import { type PushDelivery, createPushDelivery } from "./deliver";
import { loadVapidKeys } from "./vapid";

/**
 * One per database, whichever transport asks: its queue bounds what is sent at once (the web
 * process's Next.js bundle and its custom server are apart, and hold one each).
 */
const deliveries = new WeakMap<Database, PushDelivery>();

/**
 * The process's Web Push delivery, with the VAPID keys of the environment (VAPID_*) or a pair
 * generated once into DATA_DIR, for the servers to hand their contexts (as `rateRules` come from it).
 */
export function processPushDelivery(services: { db: Database; log: Log }): PushDelivery {
  let delivery = deliveries.get(services.db);
  if (!delivery) {
    const vapid = loadVapidKeys({
      publicKey: env.VAPID_PUBLIC_KEY,
      privateKey: env.VAPID_PRIVATE_KEY,
      subject: env.VAPID_SUBJECT,
      dataDir: env.DATA_DIR,
      publicUrl: env.PUBLIC_URL,
    });
    deliveries.set(services.db, (delivery = createPushDelivery({ db: services.db, log: services.log, vapid })));
  }
  return delivery;
}
