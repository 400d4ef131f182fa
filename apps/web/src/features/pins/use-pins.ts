"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { useTRPC } from "~/trpc/react";

/**
 * A channel's pins, and pinning: the list is refetched when a `pinned` or `unpinned` event
 * arrives (use-message-events.ts), whoever pinned, so the answer of a pin is not needed here.
 */
export function usePins(channelId: string, enabled = true) {
  const trpc = useTRPC();
  // A DM or group has no pins: `enabled` false reads none.
  const pins = useQuery({ ...trpc.message.pins.queryOptions({ channelId }), enabled });
  const pin = useMutation(trpc.message.pin.mutationOptions());
  const unpin = useMutation(trpc.message.unpin.mutationOptions());
  const { mutate: pinMessage } = pin;
  const { mutate: unpinMessage } = unpin;
  const toggle = useCallback(
    (messageId: string, pinned: boolean) => (pinned ? unpinMessage : pinMessage)({ messageId }),
    [pinMessage, unpinMessage],
  );
  return { pins, toggle, error: pin.error ?? unpin.error };
}

/** Refetches a channel's pins: what a pin event means to this tab. */
export function useRefreshPins(channelId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries(trpc.message.pins.queryFilter({ channelId }));
}
