import type { RouterOutputs } from "@chat/api";

import { type Conversation, type TitleWords, conversationHref, conversationTitle } from "../conversations/conversation-cache";

type Server = RouterOutputs["server"]["list"][number];
type Channel = RouterOutputs["channel"]["list"][number];

/** Somewhere the quick switcher can go. */
export interface Target {
  key: string;
  kind: "server" | "channel" | "conversation";
  name: string;
  /** Where it is: a channel's server. */
  detail?: string;
  href: string;
  unread: boolean;
}

interface Sources {
  servers: Server[];
  /** Each loaded server's channels (those the viewer can see), by server id. */
  channels: ReadonlyMap<string, Channel[]>;
  conversations: Conversation[];
  viewerId: string | undefined;
  /** What a conversation's title may say, in the reader's language. */
  titles: TitleWords;
}

/** Everything the switcher knows of: DMs and groups first (as Discord lists them), then channels, then servers. */
export function switcherTargets({ servers, channels, conversations, viewerId, titles }: Sources): Target[] {
  const people = conversations.map<Target>((conversation) => ({
    key: `c${conversation.id}`,
    kind: "conversation",
    name: conversationTitle(conversation, viewerId, titles),
    href: conversationHref(conversation.id),
    unread: !conversation.muted && conversation.unreadCount > 0,
  }));
  const places = servers.flatMap((server) =>
    (channels.get(server.id) ?? []).map<Target>((channel) => ({
      key: `h${channel.id}`,
      kind: "channel",
      name: channel.name,
      detail: server.name,
      href: `/channels/${server.id}/${channel.id}`,
      unread: !server.muted && channel.unreadCount > 0,
    })),
  );
  const tiles = servers.map<Target>((server) => ({
    key: `s${server.id}`,
    kind: "server",
    name: server.name,
    href: `/channels/${server.id}`,
    unread: !server.muted && server.unreadCount > 0,
  }));
  return [...people, ...places, ...tiles];
}

const LIMIT = 20;

/**
 * The targets whose name holds the query (case and accents aside; "#" or "@" first narrows to channels or people),
 * names that start with it first; with no query, the unread ones.
 */
export function rankTargets(targets: Target[], query: string): Target[] {
  const sigil = query.trimStart()[0];
  const kind = sigil === "#" ? "channel" : sigil === "@" ? "conversation" : sigil === "*" ? "server" : undefined;
  const words = fold(kind ? query.trimStart().slice(1) : query).trim();
  const pool = kind ? targets.filter((target) => target.kind === kind) : targets;
  if (!words) return (kind ? pool : pool.filter((target) => target.unread)).slice(0, LIMIT);
  const scored = pool
    .map((target) => ({ target, at: fold(target.name).indexOf(words) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => Number(a.at !== 0) - Number(b.at !== 0) || Number(b.target.unread) - Number(a.target.unread));
  return scored.slice(0, LIMIT).map(({ target }) => target);
}

const fold = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();

/** The id `step` places before (-1) or after (1) `currentId` in `ids`; undefined past either end or when it is not there. */
export function neighbour(ids: string[], currentId: string | undefined, step: -1 | 1): string | undefined {
  const at = currentId === undefined ? -1 : ids.indexOf(currentId);
  return at < 0 ? undefined : ids[at + step];
}
