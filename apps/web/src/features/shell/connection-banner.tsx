"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";

import { WifiOff } from "~/components/icons";
import { type WsClient } from "~/trpc/links";
import { useSocket } from "~/trpc/react";
import { closedForTooManyConnections } from "~/trpc/socket-closes";

type State = WsClient["connectionState"] extends { get(): infer S } ? S : never;

const idle = { type: "state", state: "idle", error: null } as State;

function useConnectionState(socket: WsClient | null): State {
  return useSyncExternalStore(
    (notify) => {
      const subscription = socket?.connectionState.subscribe({ next: notify });
      return () => subscription?.unsubscribe();
    },
    () => socket?.connectionState.get() ?? idle,
    () => idle,
  );
}

/**
 * Says so when the live connection drops, and why when the server refused it for too many open
 * connections (tabs, devices). The socket reconnects by itself, and each subscription resumes
 * from the last event it saw, so nothing sent meanwhile is missed.
 */
export function ConnectionBanner() {
  const t = useTranslations("shell.connection");
  const state = useConnectionState(useSocket());
  const lost = state.state === "connecting" && state.error !== null;
  return (
    <div role="status" aria-live="polite">
      {lost && (
        <div className="flex items-center justify-center gap-2 bg-danger px-4 py-1.5 text-sm font-medium text-white">
          <WifiOff className="size-4" aria-hidden />
          {closedForTooManyConnections(state.error) ? t("tooMany") : t("lost")}
        </div>
      )}
    </div>
  );
}
