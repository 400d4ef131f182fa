"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";

import { isTooLarge } from "~/lib/api-error";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPCClient } from "~/trpc/react";

import { MAX_FILES, type PendingFile, admit, pendingReducer, readiness } from "./pending";
import { UploadFailed, putFile } from "./put-file";

export interface PendingUploads {
  files: PendingFile[];
  readiness: ReturnType<typeof readiness>;
  /** Why files were turned away (an 11th one), until the next change. */
  notice: string | null;
  /** Starts uploading `files` at once, as many as fit. */
  add: (files: readonly File[]) => void;
  /** Cancels an upload under way, or takes an uploaded file off the message. */
  remove: (key: string) => void;
  /** Hands the uploaded files to a send and empties the composer. */
  take: () => PendingFile[];
}

/** Images the conversation shows inline, and so the composer shows as thumbnails. */
const previewable = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

let sequence = 0;

/**
 * The files the composer holds for the next message in `channelId`: each is uploaded as soon as it
 * is added (`attachment.createUpload`, then its bytes PUT where the answer says), so that the
 * message goes at once when sent. Leaving the channel cancels what is under way.
 */
export function usePendingUploads(channelId: string): PendingUploads {
  const t = useTranslations("attachments");
  const describeError = useDescribeError();
  const client = useTRPCClient();
  const [files, dispatch] = useReducer(pendingReducer, []);
  const [notice, setNotice] = useState<string | null>(null);
  // The callbacks read the files as they are now, not as they were when the callback was made.
  const current = useRef(files);
  current.current = files;
  const uploads = useRef(new Map<string, AbortController>());

  const drop = useCallback((leaving: readonly PendingFile[]) => {
    for (const file of leaving) {
      uploads.current.get(file.key)?.abort();
      uploads.current.delete(file.key);
      if (file.preview) URL.revokeObjectURL(file.preview);
    }
  }, []);

  useEffect(
    () => () => {
      drop(current.current);
      dispatch({ type: "cleared" });
      setNotice(null);
    },
    [channelId, drop],
  );

  const upload = useCallback(
    async (key: string, file: File, signal: AbortSignal) => {
      try {
        const { id, upload: target } = await client.attachment.createUpload.mutate(
          { channelId, filename: file.name, size: file.size, contentType: file.type || "application/octet-stream" },
          { signal },
        );
        dispatch({ type: "created", key, id });
        await putFile(target, file, (loaded) => dispatch({ type: "progress", key, loaded }), signal);
        dispatch({ type: "uploaded", key });
      } catch (error) {
        if (signal.aborted) return;
        // The server's word for a size past its limit is in bytes and in English: the reader gets theirs.
        const tooLarge = error instanceof UploadFailed ? error.status === 413 : isTooLarge(error);
        const refused = tooLarge ? t("tooLarge") : error instanceof UploadFailed ? t("uploadFailed") : describeError(error);
        dispatch({ type: "failed", key, error: refused });
      } finally {
        uploads.current.delete(key);
      }
    },
    [client, channelId, describeError, t],
  );

  const add = useCallback(
    (offered: readonly File[]) => {
      const { accepted, refused } = admit(current.current.length, offered);
      setNotice(refused > 0 ? t("tooMany", { max: MAX_FILES }) : null);
      const added = accepted.map(
        (file): PendingFile => ({
          key: `file-${sequence++}`,
          name: file.name,
          size: file.size,
          type: file.type,
          preview: previewable.has(file.type) ? URL.createObjectURL(file) : null,
          state: "uploading",
          loaded: 0,
          id: null,
          error: null,
        }),
      );
      dispatch({ type: "added", files: added });
      added.forEach((pending, index) => {
        const controller = new AbortController();
        uploads.current.set(pending.key, controller);
        void upload(pending.key, accepted[index]!, controller.signal);
      });
    },
    [t, upload],
  );

  const remove = useCallback(
    (key: string) => {
      drop(current.current.filter((file) => file.key === key));
      dispatch({ type: "removed", key });
      setNotice(null);
    },
    [drop],
  );

  const take = useCallback(() => {
    const taken = current.current;
    drop(taken);
    dispatch({ type: "cleared" });
    setNotice(null);
    return taken;
  }, [drop]);

  return { files, readiness: readiness(files), notice, add, remove, take };
}
