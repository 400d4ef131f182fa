"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";

import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPCClient } from "~/trpc/react";

import type { PendingFile } from "./pending";
import type { PendingUploadStore, UploadContext, UploadsSnapshot } from "./upload-store";

export interface PendingUploads extends UploadsSnapshot {
  /** Starts uploading `files` at once, as many as fit. */
  add: (files: readonly File[]) => void;
  /** Cancels an upload under way, or takes an uploaded file off the message. */
  remove: (key: string) => void;
  /** Hands the uploaded files to a send and empties the composer. */
  take: () => PendingFile[];
}

const empty: UploadsSnapshot = { files: [], readiness: "none", notice: null };
const nothing = () => empty;
const noSubscription = () => () => {};

/**
 * The files the composer holds for the next message in `channelId` (see upload-store.ts). Most visits
 * send none, so the upload code loads with the first file picked, dropped or pasted; files offered
 * while it loads wait for it, in order. Leaving the channel cancels what is under way.
 */
export function usePendingUploads(channelId: string): PendingUploads {
  const t = useTranslations("attachments");
  const describeError = useDescribeError();
  const client = useTRPCClient();
  const context = useRef<UploadContext>({ channelId, client, t, describeError });
  context.current = { channelId, client, t, describeError };
  const [store, setStore] = useState<PendingUploadStore | null>(null);
  const loading = useRef<Promise<PendingUploadStore>>(null);
  const snapshot = useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? nothing, nothing);

  useEffect(() => () => void store?.take(), [channelId, store]);

  const add = useCallback((files: readonly File[]) => {
    const offeredIn = context.current;
    loading.current ??= Promise.all([
      import("./upload-store"),
      // The file chips' code comes at the same time, so that they show as soon as the files do.
      import("./pending-files"),
    ]).then(([{ PendingUploadStore }]) => {
      const created = new PendingUploadStore();
      setStore(created);
      return created;
    });
    void loading.current.then((loaded) => loaded.add(files, offeredIn));
  }, []);

  const remove = useCallback((key: string) => store?.remove(key), [store]);
  const take = useCallback(() => store?.take() ?? [], [store]);

  return { ...snapshot, add, remove, take };
}
