import { type StoredEmbed, and, eq, messages, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import type { Storage } from "@chat/storage";

import { commitChannelEvent } from "../channels/event-log";
import type { Log } from "../core/log";
import type { Context } from "../core/trpc";
import { selectMessages, toSnapshots } from "../messages/details";
import { extractCard } from "./extract";
import { copyEmbedImage, embedImageKeys, removeEmbedImages } from "./images";
import { previewLinks } from "./links";
import type { SafeFetch } from "./safe-fetch";

/** What a preview needs to publish its `updated` event: the services of the context that sent the message. */
export type PreviewContext = Pick<Context, "db" | "realtime" | "log" | "push">;

/** A message whose links may want previews, as it was sent or edited. */
export interface LinkedMessage {
  id: bigint;
  channelId: bigint;
  content: string;
  /** Its previews now (an edit's kept ones): their links are not fetched again. Null: none. */
  embeds: StoredEmbed[] | null;
}

export interface LinkPreviews {
  /** Fetches the previews of the message's first links in the background; never waits for them. */
  request(ctx: PreviewContext, message: LinkedMessage): void;
  /** Resolves once no preview is being fetched or queued (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface LinkPreviewOptions {
  fetcher: SafeFetch;
  /** Where the cards' images are copied; without it, previews have no image. */
  storage?: Storage | undefined;
  log: Log;
  /** Pages fetched at once by this process; more wait their turn. */
  concurrency?: number;
  /** Messages waiting past which new ones get no preview, so that a flood of links cannot pile up. */
  maxQueued?: number;
}

/** Thrown in the preview's transaction when the message changed or went meanwhile: nothing is written or published. */
class Superseded extends Error {}

export function createLinkPreviews({ fetcher, storage, log, concurrency = 4, maxQueued = 200 }: LinkPreviewOptions): LinkPreviews {
  let active = 0;
  const waiting: Array<() => void> = [];
  const pending = new Set<Promise<void>>();

  /** Runs `fetch` when one of the `concurrency` slots is free. */
  async function inSlot<T>(fetch: () => Promise<T>): Promise<T> {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fetch();
    } finally {
      active--;
      waiting.shift()?.();
    }
  }

  async function cardOf(link: string, messageId: bigint): Promise<StoredEmbed | null> {
    try {
      const page = await inSlot(() => fetcher.fetchPage(link));
      const card = page && extractCard(page.html, page.url);
      if (!card) return null;
      const { imageUrl, title, description, siteName } = card;
      const image = imageUrl && storage ? await inSlot(() => copyEmbedImage({ fetcher, storage, log }, messageId, imageUrl)) : null;
      return { url: link, title, description, siteName, image };
    } catch {
      // A link without a preview is ordinary (refused, slow, broken): nothing worth a log line.
      return null;
    }
  }

  async function preview(ctx: PreviewContext, message: LinkedMessage): Promise<void> {
    const known = new Map((message.embeds ?? []).map((embed) => [embed.url, embed]));
    const links = previewLinks(message.content);
    const cards = await Promise.all(links.map((link) => known.get(link) ?? cardOf(link, message.id)));
    const embeds = cards.filter((card) => card !== null);
    const fresh = embeds.filter((embed) => !known.has(embed.url));
    if (fresh.length === 0) return;
    try {
      await commitChannelEvent(ctx, message.channelId, async (tx) => {
        // Only onto the text it was fetched for, and not once the author removed the previews.
        const updated = await tx
          .update(messages)
          .set({ embeds })
          .where(and(eq(messages.id, message.id), eq(messages.content, message.content), sql`${messages.embeds} is distinct from '[]'::jsonb`))
          .returning({ id: messages.id });
        if (updated.length === 0) throw new Superseded();
        const [snapshot] = await toSnapshots(tx, await selectMessages(tx, eq(messages.id, message.id)));
        if (!snapshot) throw fail.notFound("Message");
        return { event: { type: "updated" as const, message: snapshot } };
      });
    } catch (err) {
      // The images copied for previews that were not stored belong to nothing.
      await removeEmbedImages({ storage, log }, embedImageKeys(message.id, fresh));
      if (!(err instanceof Superseded)) log.warn({ err, messageId: String(message.id) }, "storing link previews failed");
    }
  }

  return {
    request(ctx, message) {
      if (message.embeds?.length === 0) return; // the author removed its previews: edits bring none back
      if (previewLinks(message.content).length === 0 || pending.size >= maxQueued) return;
      const job = preview(ctx, message).finally(() => pending.delete(job));
      pending.add(job);
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
    async close() {
      await Promise.all(pending);
      await fetcher.close();
    },
  };
}
