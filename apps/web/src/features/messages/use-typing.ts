"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useMemo, useRef } from "react";

import { useLiveValue } from "~/lib/live-value";
import { useTRPC, useTRPCClient } from "~/trpc/react";

export interface Typer {
  userId: string;
  username: string;
}

const typingKey = (channelId: string) => ["typing", { channelId }] as const;
const nobody: Typer[] = [];

/** Who else is typing in the channel, live. */
export function useTypers(channelId: string, viewerId: string | undefined): Typer[] {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useSubscription(
    trpc.typing.onEvent.subscriptionOptions(
      { channelId },
      { onData: (typers) => queryClient.setQueryData<Typer[]>(typingKey(channelId), typers) },
    ),
  );
  const typers = useLiveValue(typingKey(channelId), nobody, { forgetWhenUnused: true });
  return typers.filter((typer) => typer.userId !== viewerId);
}

/** The server keeps a typer for a few seconds; repeating the signal every 3 s while typing is enough. */
const TYPING_REPEAT_MS = 3_000;

/**
 * `typing` is called on each edit of the draft and tells the server at most every 3 s; `sent`
 * is called when the message goes out, since the server then stops showing the typer at once.
 */
export function useTypingSignal(channelId: string): { typing: () => void; sent: () => void } {
  const client = useTRPCClient();
  const lastSent = useRef(0);
  const typing = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < TYPING_REPEAT_MS) return;
    lastSent.current = now;
    // Best effort: a lost typing signal is not worth an error message.
    client.typing.start.mutate({ channelId }).catch(() => undefined);
  }, [client, channelId]);
  const sent = useCallback(() => {
    lastSent.current = 0;
  }, []);
  return useMemo(() => ({ typing, sent }), [typing, sent]);
}
