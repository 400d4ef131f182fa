import type { Database } from "@chat/db";
import { env } from "@chat/env";
import type { Storage } from "@chat/storage";

import type { Log } from "../core/log";
import { processSingleton } from "../core/process-singleton";
import { type LinkPreviews, createLinkPreviews } from "./previews";
import { createSafeFetch } from "./safe-fetch";

/** The process's link previews with the environment's settings (LINK_PREVIEW*), or none when turned off; their images go to the process's file storage. */
export function processLinkPreviews(services: { db: Database; log: Log; storage?: Storage }): LinkPreviews | undefined {
  if (env.LINK_PREVIEWS === "off") return undefined;
  // One per process, as push delivery: its concurrency limit is the process's.
  return processSingleton("link-previews", services.db, () =>
    createLinkPreviews({
      fetcher: createSafeFetch({ allowHosts: env.LINK_PREVIEW_ALLOW_HOSTS }),
      storage: services.storage,
      log: services.log,
    }),
  );
}
