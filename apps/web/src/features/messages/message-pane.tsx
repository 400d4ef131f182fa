"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";

import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";

import { useFileDrop } from "../attachments/use-file-drop";
import { usePendingUploads } from "../attachments/use-pending-uploads";
import { withCustomEmoji } from "../emojis/shortcodes";
import { EmojiContext, useEmojiMap, useServerEmojis } from "../emojis/use-emojis";
import { firstUnreadId } from "../unread/unread-cache";
import { useMarkRead } from "../unread/use-mark-read";
import { useViewer } from "../shell/use-viewer";
import { Composer } from "./composer";
import type { ChatMessage } from "./message-cache";
import { newestStored, oldestFirst } from "./message-cache";
import { MessageList, type MessageListHandle } from "./message-list";
import { MessageSkeletonRows } from "./message-skeleton-rows";
import { TypingLine } from "./typing-line";
import { useHistory } from "./use-history";
import { type Standing, useMessageActions } from "./use-message-actions";
import { useArrivalAnnouncement } from "./use-arrival-announcement";
import { useMessageEvents } from "./use-message-events";
import type { SendGate } from "./use-send-gate";
import { useSendMessage } from "./use-send-message";
import { useTypers, useTypingSignal } from "./use-typing";

// Loaded when first dragged over: files are dropped far less often than channels are opened.
const DropZone = dynamic(() => import("../attachments/drop-zone").then((module) => module.DropZone), { ssr: false });
// Loaded when first asked for: deleting is rare next to reading.
const DeleteMessageDialog = dynamic(() => import("./delete-message-dialog").then((module) => module.DeleteMessageDialog), { ssr: false });

interface MessagePaneProps {
  /** The channel's server, or null for a DM or group: where its read state is kept. */
  serverId: string | null;
  channelId: string;
  /** Where the messages go: "#general", "@Ana". */
  label: string;
  /** The top of the history, once it is all loaded. */
  start: ReactNode;
  /** False while what the pane belongs to is still loading. */
  ready: boolean;
  standing: Standing;
  gate?: SendGate;
  /** Told the newest stored message (the reader's own sends too), for a list ordered by activity. */
  onNewest?: (messageId: string) => void;
}

/**
 * The conversation in a server's channel, a DM or a group: the live history (marked read as it arrives),
 * the composer with replies, and who is typing.
 */
export function MessagePane({ serverId, channelId, label, start, ready, standing, gate, onNewest }: MessagePaneProps) {
  const t = useTranslations("messages.pane");
  const describeError = useDescribeError();
  const history = useHistory(channelId);
  useMessageEvents(channelId, history.isSuccess);
  const viewerId = useViewer()?.id;
  const typers = useTypers(channelId, viewerId);
  const newest = history.data && newestStored(history.data);
  const newestId = newest?.id;
  const readUpTo = useMarkRead(serverId, channelId, newestId);
  useEffect(() => {
    if (newestId) onNewest?.(newestId);
  }, [newestId, onNewest]);
  // Escape in the composer says the reader has seen what is new: the divider goes (the channel is marked read as it arrives).
  const [dividerDismissed, setDividerDismissed] = useState(false);
  const dividerAt = useMemo(
    () =>
      history.data && readUpTo && !dividerDismissed
        ? firstUnreadId(oldestFirst(history.data), readUpTo, viewerId, !history.hasNextPage)
        : undefined,
    [history.data, history.hasNextPage, readUpTo, viewerId, dividerDismissed],
  );
  const typingSignal = useTypingSignal(channelId);
  const { send, retry, discard } = useSendMessage(channelId);
  const listRef = useRef<MessageListHandle>(null);
  const [replyingTo, setReplyingTo] = useState<ChatMessage | null>(null);
  const elsewhere = useMemo(() => ({ onRetry: retry, onDiscard: discard, onReply: setReplyingTo }), [retry, discard]);
  const { actions, deleting, closeDelete } = useMessageActions(channelId, standing, elsewhere);
  const announcement = useArrivalAnnouncement(newest, viewerId, (message) => actions.nameOf(message.author), label);
  const sent = gate?.sent;
  const uploads = usePendingUploads(channelId);
  const take = uploads.take;
  const drop = useFileDrop(standing.canAttach, uploads.add);

  const emojis = useServerEmojis(serverId);
  const emojiById = useEmojiMap(emojis);

  const sendAndFollow = useCallback(
    (content: string) => {
      send(withCustomEmoji(content, emojis), replyingTo ?? undefined, take());
      setReplyingTo(null);
      typingSignal.sent();
      sent?.();
      listRef.current?.scrollToEnd();
    },
    [send, emojis, replyingTo, take, typingSignal, sent],
  );

  /** ↑ in an empty composer, as in Discord: the reader's newest message they may edit opens for editing. */
  const editLast = useCallback(() => {
    const last = history.data?.pages
      .flatMap((page) => page.items)
      .find((message) => !message.delivery && !message.kind && message.author?.id === viewerId && actions.canEdit(message));
    if (last) actions.onEdit(last);
    return !!last;
  }, [history.data, viewerId, actions]);

  return (
    <EmojiContext value={emojiById}>
      <div className="relative flex min-w-0 flex-1 flex-col" {...drop.handlers}>
        {history.isPending || !ready ? (
          <HistorySkeleton />
        ) : history.isError ? (
          <EmptyState title={t("loadFailed")} className="flex-1" action={<Button onClick={() => void history.refetch()}>{t("tryAgain")}</Button>}>
            {describeError(history.error)}
          </EmptyState>
        ) : (
          <MessageList ref={listRef} label={label} start={start} history={history} actions={actions} firstUnreadId={dividerAt} />
        )}
        <Composer
          place={label}
          onSend={sendAndFollow}
          replyingTo={replyingTo && actions.nameOf(replyingTo.author)}
          onCancelReply={() => setReplyingTo(null)}
          onTyping={typingSignal.typing}
          gate={gate}
          onEditLast={editLast}
          onDismiss={() => setDividerDismissed(true)}
          uploads={standing.canAttach ? uploads : undefined}
        />
        {drop.dragging && <DropZone place={label} />}
        {/* New messages from others, for screen readers: polite, and counted when they come fast. */}
        <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="arrivals">
          {announcement}
        </div>
        <TypingLine names={typers.map((typer) => actions.nameOf({ id: typer.userId, username: typer.username }))} />
        {deleting && <DeleteMessageDialog message={deleting} onClose={closeDelete} />}
      </div>
    </EmojiContext>
  );
}

function HistorySkeleton() {
  const t = useTranslations("messages.pane");
  return (
    <div role="status" aria-label={t("loading")} className="flex flex-1 flex-col justify-end gap-6 overflow-hidden px-4 pb-4">
      <MessageSkeletonRows widths={[0.5, 0.8, 0.35, 0.65, 0.55]} />
    </div>
  );
}
