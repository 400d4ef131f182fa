"use client";

import { useQuery } from "@tanstack/react-query";
import { Hash } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo, useRef, useState } from "react";

import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/notice";
import { describeError } from "~/lib/api-error";
import { useTRPC } from "~/trpc/react";

import { ChannelHeader } from "../channels/channel-header";
import { MemberPanel } from "../members/member-panel";
import { PinsPopover } from "../pins/pins-popover";
import { firstUnreadId } from "../unread/unread-cache";
import { useMarkRead } from "../unread/use-mark-read";
import { useViewer } from "../shell/use-viewer";
import { Composer } from "./composer";
import type { ChatMessage } from "./message-cache";
import { DeleteMessageDialog } from "./delete-message-dialog";
import { newestStoredId, oldestFirst } from "./message-cache";
import { MessageList, type MessageListHandle } from "./message-list";
import { MessageSkeletonRows } from "./message-skeleton-rows";
import { TypingLine } from "./typing-line";
import { useHistory } from "./use-history";
import { useMessageActions } from "./use-message-actions";
import { useMessageEvents } from "./use-message-events";
import { useSendGate } from "./use-send-gate";
import { useSendMessage } from "./use-send-message";
import { useTypingNames, useTypingSignal } from "./use-typing";

/** One channel: its header, the conversation, the composer, and the member list beside them. */
export function ChannelView({ serverId, channelId }: { serverId: string; channelId: string }) {
  const trpc = useTRPC();
  const channels = useQuery(trpc.channel.list.queryOptions({ serverId }));
  const channel = channels.data?.find((candidate) => candidate.id === channelId);
  const history = useHistory(channelId);
  useMessageEvents(channelId, history.isSuccess);
  const viewerId = useViewer()?.id;
  const typing = useTypingNames(channelId, viewerId);
  const readUpTo = useMarkRead(serverId, channelId, history.data && newestStoredId(history.data));
  const dividerAt = useMemo(
    () => (history.data && readUpTo ? firstUnreadId(oldestFirst(history.data), readUpTo, viewerId, !history.hasNextPage) : undefined),
    [history.data, history.hasNextPage, readUpTo, viewerId],
  );
  const typingSignal = useTypingSignal(channelId);
  const { send, retry, discard } = useSendMessage(channelId);
  const listRef = useRef<MessageListHandle>(null);
  const [replyingTo, setReplyingTo] = useState<ChatMessage | null>(null);
  const elsewhere = useMemo(() => ({ onRetry: retry, onDiscard: discard, onReply: setReplyingTo }), [retry, discard]);
  const { actions, deleting, closeDelete } = useMessageActions(serverId, channelId, elsewhere);
  const gate = useSendGate(serverId, channel);
  const { sent } = gate;

  const sendAndFollow = useCallback(
    (content: string) => {
      send(content, replyingTo ?? undefined);
      setReplyingTo(null);
      typingSignal.sent();
      sent();
      listRef.current?.scrollToEnd();
    },
    [send, replyingTo, typingSignal, sent],
  );

  if (channels.isSuccess && !channel) {
    return (
      <main className="flex flex-1 items-center justify-center bg-chat">
        <EmptyState
          icon={<Hash className="size-8" aria-hidden />}
          title="This channel is gone"
          action={
            <Link href={`/channels/${serverId}`} className="text-[#00a8fc] hover:underline">
              Back to the server
            </Link>
          }
        >
          It may have been deleted, or the link is wrong.
        </EmptyState>
      </main>
    );
  }

  return (
    <main className="flex min-w-0 flex-1 flex-col bg-chat">
      <ChannelHeader
        serverId={serverId}
        name={channel?.name ?? "…"}
        topic={channel?.topic}
        tools={<PinsPopover channelId={channelId} canUnpin={actions.canPin} />}
      />
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          {history.isPending || !channel ? (
            <HistorySkeleton />
          ) : history.isError ? (
            <EmptyState title="Couldn't load messages" className="flex-1" action={<Button onClick={() => void history.refetch()}>Try again</Button>}>
              {describeError(history.error)}
            </EmptyState>
          ) : (
            <MessageList ref={listRef} channel={channel} history={history} actions={actions} firstUnreadId={dividerAt} />
          )}
          <Composer
            channelName={channel?.name ?? ""}
            onSend={sendAndFollow}
            replyingTo={replyingTo && (replyingTo.author?.username ?? "Deleted user")}
            onCancelReply={() => setReplyingTo(null)}
            onTyping={typingSignal.typing}
            gate={gate}
          />
          <TypingLine names={typing} />
        </div>
        <MemberPanel serverId={serverId} />
      </div>
      <DeleteMessageDialog message={deleting} onClose={closeDelete} />
    </main>
  );
}

function HistorySkeleton() {
  return (
    <div role="status" aria-label="Loading messages" className="flex flex-1 flex-col justify-end gap-6 overflow-hidden px-4 pb-4">
      <MessageSkeletonRows widths={[0.5, 0.8, 0.35, 0.65, 0.55]} />
    </div>
  );
}
