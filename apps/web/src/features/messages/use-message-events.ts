"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback } from "react";

import { useTRPC, useTRPCClient } from "~/trpc/react";

import { useRefreshPins } from "../pins/use-pins";
import { useViewer } from "../shell/use-viewer";
import {
  type History,
  addMessage,
  applyReaction,
  historyKey,
  newestStoredId,
  removeMessage,
  updateMessage,
} from "./message-cache";

const GAP_PAGE = 100;
const FIRST_ID = "1";

/**
 * Writes a channel's live message events into its history cache. The subscription resumes from
 * its last event id after a dropped connection (tRPC's wsLink resends it, the server replays its
 * log); on a fresh start (`ready`) the messages sent since the history was loaded are fetched.
 * Start it once the history has loaded, so that the fill has a point to start from.
 */
export function useMessageEvents(channelId: string, enabled: boolean): void {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const viewerId = useViewer()?.id;
  const refreshPins = useRefreshPins(channelId);

  const update = useCallback(
    (change: (history: History) => History) =>
      queryClient.setQueryData<History>(historyKey(channelId), (history) => history && change(history)),
    [queryClient, channelId],
  );

  const fillGap = useCallback(async () => {
    for (;;) {
      const history = queryClient.getQueryData<History>(historyKey(channelId));
      if (!history) return;
      // An empty history was loaded before anything was said: every message there now is new.
      const after = newestStoredId(history) ?? FIRST_ID;
      const page = await client.message.list.query({ channelId, after, limit: GAP_PAGE });
      update((current) => page.items.reduce((history, message) => addMessage(history, message), current));
      if (!page.nextCursor) return;
    }
  }, [client, queryClient, channelId, update]);

  useSubscription(
    trpc.message.onEvent.subscriptionOptions(
      { channelId },
      {
        enabled,
        onData: ({ data: event }) => {
          if (event.type === "ready") void fillGap().catch(() => undefined);
          else if (event.type === "created") update((history) => addMessage(history, event.message));
          else if (event.type === "updated") update((history) => updateMessage(history, event.message));
          else if (event.type === "reaction") update((history) => applyReaction(history, event.message.id, event.reaction, viewerId));
          else if (event.type === "deleted") update((history) => removeMessage(history, event.message.id));
          else refreshPins();
        },
      },
    ),
  );
}
