import type { Database } from "@chat/db";
import { env } from "@chat/env";

import type { Log } from "../core/log";
import { type LinkPreviews, createLinkPreviews } from "./previews";
import { createSafeFetch } from "./safe-fetch";

/** One per database, as push delivery (push/process.ts): its concurrency limit is the process's. */
const previews = new WeakMap<Database, LinkPreviews>();

/** The process's link previews with the environment's settings (LINK_PREVIEW*), or none when turned off. */
export function processLinkPreviews(services: { db: Database; log: Log }): LinkPreviews | undefined {
  if (env.LINK_PREVIEWS === "off") return undefined;
  let linkPreviews = previews.get(services.db);
  if (!linkPreviews) {
    const fetcher = createSafeFetch({ allowHosts: env.LINK_PREVIEW_ALLOW_HOSTS });
    previews.set(services.db, (linkPreviews = createLinkPreviews({ fetcher, log: services.log })));
  }
  return linkPreviews;
}
