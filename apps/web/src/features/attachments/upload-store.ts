import type { AppRouter } from "@chat/api";
import type { TRPCClient } from "@trpc/client";
import type { useTranslations } from "next-intl";

import { isTooLarge } from "~/lib/api-error";

import { MAX_FILES, type PendingAction, type PendingFile, admit, pendingReducer, readiness } from "./pending";
import { UploadFailed, putFile } from "./put-file";

export interface UploadsSnapshot {
  files: PendingFile[];
  readiness: ReturnType<typeof readiness>;
  /** Why files were turned away (an 11th one), until the next change. */
  notice: string | null;
}

/** What an upload needs from the page at the time its file is offered. */
export interface UploadContext {
  channelId: string;
  client: TRPCClient<AppRouter>;
  t: ReturnType<typeof useTranslations<"attachments">>;
  describeError: (error: unknown) => string;
}

/** Images the conversation shows inline, and so the composer shows as thumbnails. */
const previewable = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

let sequence = 0;

/**
 * The files the composer holds for the next message: each is uploaded as soon as it is added
 * (`attachment.createUpload`, then its bytes PUT where the answer says), so that the message goes at
 * once when sent. An external store (read with useSyncExternalStore) so that this code, the reducer
 * and the upload itself load with the first file offered rather than with the channel.
 */
export class PendingUploadStore {
  private snapshot: UploadsSnapshot = { files: [], readiness: "none", notice: null };
  private readonly listeners = new Set<() => void>();
  private readonly uploads = new Map<string, AbortController>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getSnapshot = () => this.snapshot;

  /** Starts uploading `offered` at once, as many as fit. */
  add(offered: readonly File[], context: UploadContext) {
    const { accepted, refused } = admit(this.snapshot.files.length, offered);
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
    this.dispatch({ type: "added", files: added }, refused > 0 ? context.t("tooMany", { max: MAX_FILES }) : null);
    added.forEach((pending, index) => {
      const controller = new AbortController();
      this.uploads.set(pending.key, controller);
      void this.upload(pending.key, accepted[index]!, controller.signal, context);
    });
  }

  /** Cancels an upload under way, or takes an uploaded file off the message. */
  remove(key: string) {
    this.drop(this.snapshot.files.filter((file) => file.key === key));
    this.dispatch({ type: "removed", key }, null);
  }

  /** Hands the uploaded files to a send and empties the composer; also what leaving the channel does. */
  take(): PendingFile[] {
    const taken = this.snapshot.files;
    this.drop(taken);
    this.dispatch({ type: "cleared" }, null);
    return taken;
  }

  private async upload(key: string, file: File, signal: AbortSignal, { channelId, client, t, describeError }: UploadContext) {
    try {
      const { id, upload: target } = await client.attachment.createUpload.mutate(
        { channelId, filename: file.name, size: file.size, contentType: file.type || "application/octet-stream" },
        { signal },
      );
      this.dispatch({ type: "created", key, id });
      await putFile(target, file, (loaded) => this.dispatch({ type: "progress", key, loaded }), signal);
      this.dispatch({ type: "uploaded", key });
    } catch (error) {
      if (signal.aborted) return;
      // The server's word for a size past its limit is in bytes and in English: the reader gets theirs.
      const tooLarge = error instanceof UploadFailed ? error.status === 413 : isTooLarge(error);
      const refused = tooLarge ? t("tooLarge") : error instanceof UploadFailed ? t("uploadFailed") : describeError(error);
      this.dispatch({ type: "failed", key, error: refused });
    } finally {
      this.uploads.delete(key);
    }
  }

  private drop(leaving: readonly PendingFile[]) {
    for (const file of leaving) {
      this.uploads.get(file.key)?.abort();
      this.uploads.delete(file.key);
      if (file.preview) URL.revokeObjectURL(file.preview);
    }
  }

  private dispatch(action: PendingAction, notice = this.snapshot.notice) {
    const files = pendingReducer(this.snapshot.files, action);
    this.snapshot = { files, readiness: readiness(files), notice };
    for (const listener of this.listeners) listener();
  }
}
