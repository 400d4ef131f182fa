import type { Agent } from "node:https";

import {
  type Database,
  type SQL,
  and,
  channelNotifyLevels,
  channelRecipients,
  channels,
  eq,
  ne,
  pushSubscriptions,
  serverMembers,
  sql,
  userStatuses,
} from "@chat/db";
import type { NotifyLevel } from "@chat/validators";
import webpush, { WebPushError } from "web-push";

import type { Log } from "../core/log";
import type { MessageSnapshotDto } from "../messages/dto";
import { canView } from "../overwrites/in-channel";
import { type AnnouncedChannel, messageActivity } from "../unread/activity";
import { effectiveLevel } from "../unread/notify-levels";
import { forUser } from "../users/on-event";
import type { VapidKeys } from "./vapid";

/** What a notification says; the service worker (apps/web/public/sw.js) shows it and opens `url` on a click. */
export interface PushPayload {
  title: string;
  body: string;
  /** The conversation's path in the web app. */
  url: string;
  /** One notification per conversation: a newer message replaces the older one's. */
  tag: string;
}

export interface PushDelivery {
  readonly publicKey: string;
  /** After a message commits: works out who is notified and sends to their devices, off the caller's path. */
  messageCreated(channel: AnnouncedChannel, message: MessageSnapshotDto): void;
  /** Resolves once nothing is queued or sending (tests). */
  idle(): Promise<void>;
  /** Sends what is queued (shutdown). */
  close(): Promise<void>;
}

export interface PushDeliveryOptions {
  db: Database;
  log: Log;
  vapid: VapidKeys;
  /** Sends at once (each a request to a push service); more wait in the queue. */
  concurrency?: number;
  /** Jobs that may wait; past it new ones are dropped with a warning, so a slow push service cannot grow memory without bound. */
  queueLimit?: number;
  /** The TLS agent for push services (tests trust a local endpoint's certificate with it). */
  agent?: Agent;
}

const BODY_LENGTH = 120;
/** A push service keeps an undelivered notification this long (seconds): a chat message is stale after a day. */
const TIME_TO_LIVE = 24 * 60 * 60;
const SEND_TIMEOUT_MS = 10_000;

export function createPushDelivery({ db, log, vapid, concurrency = 4, queueLimit = 1000, agent }: PushDeliveryOptions): PushDelivery {
  const queue: Array<() => Promise<void>> = [];
  let running = 0;
  let idleWaiters: Array<() => void> = [];

  const pump = () => {
    while (running < concurrency && queue.length > 0) {
      const job = queue.shift()!;
      running += 1;
      void job()
        .catch((err: unknown) => log.warn({ err }, "push delivery failed"))
        .finally(() => {
          running -= 1;
          pump();
        });
    }
    if (running === 0 && queue.length === 0) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  };
  const enqueue = (job: () => Promise<void>) => {
    if (queue.length >= queueLimit) {
      log.warn({ queued: queue.length }, "push queue full: a notification was dropped");
      return;
    }
    queue.push(job);
    pump();
  };

  async function send(subscription: Recipient, payload: PushPayload) {
    try {
      await webpush.sendNotification(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(payload),
        { vapidDetails: vapid, TTL: TIME_TO_LIVE, urgency: "high", timeout: SEND_TIMEOUT_MS, ...(agent && { agent }) },
      );
    } catch (error) {
      // 404 and 410: the browser unsubscribed or the subscription expired; it will never work again.
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, subscription.endpoint));
        return;
      }
      const status = error instanceof WebPushError ? error.statusCode : undefined;
      log.warn({ err: error, status, userId: String(subscription.userId), host: new URL(subscription.endpoint).host }, "push send failed");
    }
  }

  return {
    publicKey: vapid.publicKey,
    messageCreated(channel, message) {
      if (message.kind || !message.author) return;
      enqueue(async () => {
        const activity = messageActivity(channel, message);
        for (const recipient of await recipientsOf(db, channel, message)) {
          const blocked = recipient.blocksAuthor ? new Set([message.author!.id]) : new Set<string>();
          const event = forUser(activity, String(recipient.userId), blocked, recipient.level ?? undefined);
          if (event?.type !== "message" || !event.preview) continue;
          const payload = payloadOf(channel, message, event);
          enqueue(() => send(recipient, payload));
        }
      });
    },
    idle() {
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    close() {
      return this.idle();
    },
  };
}

interface Recipient {
  userId: bigint;
  endpoint: string;
  p256dh: string;
  auth: string;
  blocksAuthor: boolean;
  /** Their level in the server's channel; null in a DM or group. */
  level: NotifyLevel | null;
}

/**
 * The devices of the people a message may notify, by what they chose: never the author's, not
 * while their presence is "do not disturb", not in a server, DM or group they muted, not where they cannot see
 * the channel. In a server, by their level there (the channel's, else the server's): those it
 * mentions or answers (everyone, for `@everyone`) and those who chose "all", never those who chose
 * "nothing". The candidates are those the message names and those two indexes of "all" choices
 * give, so a message that names nobody, where nobody chose "all", reads no member nor device. In
 * a DM or group, its people.
 * `forUser` then decides as the unread code does.
 */
function recipientsOf(db: Database, channel: AnnouncedChannel, message: MessageSnapshotDto): Promise<Recipient[]> {
  const authorId = BigInt(message.author!.id);
  const columns = {
    userId: pushSubscriptions.userId,
    endpoint: pushSubscriptions.endpoint,
    p256dh: pushSubscriptions.p256dh,
    auth: pushSubscriptions.auth,
    blocksAuthor: sql<boolean>`exists (select 1 from relationships r
      where r.user_id = ${pushSubscriptions.userId} and r.other_id = ${authorId} and r.kind = 'blocked')`,
  };
  const available: SQL = sql`coalesce(${userStatuses.presence}, 'online') <> 'dnd'`;
  if (channel.serverId === null) {
    return db
      .select({ ...columns, level: sql<null>`null` })
      .from(pushSubscriptions)
      .innerJoin(channelRecipients, and(eq(channelRecipients.channelId, channel.id), eq(channelRecipients.userId, pushSubscriptions.userId)))
      .leftJoin(userStatuses, eq(userStatuses.userId, pushSubscriptions.userId))
      .where(and(ne(pushSubscriptions.userId, authorId), eq(channelRecipients.muted, false), available));
  }
  const named = [...message.mentionIds, ...(message.replyTo?.author ? [message.replyTo.author.id] : [])].map(BigInt);
  // Who may hear it before their level is known: everyone for `@everyone`, else those named and those who chose "all"
  // here. One list the planner starts from (an OR beside it would read every subscription).
  const candidates = [
    sql`select ${channelNotifyLevels.userId} from ${channelNotifyLevels}
      where ${channelNotifyLevels.channelId} = ${channel.id} and ${channelNotifyLevels.level} = 'all'`,
    sql`select sm.user_id from ${serverMembers} sm where sm.server_id = ${channel.serverId} and sm.notify = 'all'`,
    ...(named.length > 0 ? [sql`select unnest(array[${sql.join(named, sql`, `)}]::bigint[])`] : []),
  ];
  const heard = message.mentionsEveryone ? undefined : sql`${pushSubscriptions.userId} in (${sql.join(candidates, sql` union all `)})`;
  return db
    .select({ ...columns, level: effectiveLevel })
    .from(pushSubscriptions)
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channel.serverId), eq(serverMembers.userId, pushSubscriptions.userId)))
    .innerJoin(channels, eq(channels.id, channel.id))
    .leftJoin(channelNotifyLevels, and(eq(channelNotifyLevels.channelId, channel.id), eq(channelNotifyLevels.userId, pushSubscriptions.userId)))
    .leftJoin(userStatuses, eq(userStatuses.userId, pushSubscriptions.userId))
    .where(and(heard, ne(pushSubscriptions.userId, authorId), eq(serverMembers.muted, false), sql`${effectiveLevel} <> 'nothing'`, available, canView));
}

function payloadOf(
  channel: AnnouncedChannel,
  message: MessageSnapshotDto,
  event: { mentioned: boolean; reply: boolean },
): PushPayload {
  const author = message.author!;
  const name = author.nickname ?? author.displayName ?? author.username;
  const channelId = String(channel.id);
  const inServer = channel.serverId !== null;
  // A DM has no name; a group may have one.
  const where = inServer ? `#${channel.name}` : channel.name || null;
  const what = event.reply ? "replied" : event.mentioned && inServer ? "mentioned you" : null;
  const title = [name, what, where && `in ${where}`].filter(Boolean).join(" ");
  return {
    title,
    // A message of files alone is told by their names.
    body: plainExcerpt(message.content || message.attachments.map((file) => file.filename).join(", ")),
    url: inServer ? `/channels/${channel.serverId}/${channelId}` : `/channels/me/${channelId}`,
    tag: `channel-${channelId}`,
  };
}

/** The text as a notification shows it: one line, whitespace collapsed, cut on a code point. */
function plainExcerpt(content: string): string {
  const chars = [...content.replace(/\s+/g, " ").trim()];
  return chars.length > BODY_LENGTH ? `${chars.slice(0, BODY_LENGTH - 1).join("")}…` : chars.join("");
}
