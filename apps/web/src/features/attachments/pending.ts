/**
 * The files waiting in the composer, as pure state: each is uploaded as soon as it is added, and
 * the message can go once every one has arrived. The hook (use-pending-uploads.ts) runs the uploads
 * and reports here.
 */

import { limits } from "@chat/validators/limits";

/** Files on one message, as the server allows. */
export const MAX_FILES = limits.attachmentsPerMessage.max;

export interface PendingFile {
  /** This tab's name for it, until the server names it (`id`). */
  key: string;
  name: string;
  size: number;
  type: string;
  /** An object URL for an image's thumbnail, revoked when the file leaves the composer. */
  preview: string | null;
  state: "uploading" | "done" | "failed";
  /** Bytes sent so far. */
  loaded: number;
  /** The attachment's id, once the server has made the upload. */
  id: string | null;
  error: string | null;
}

export type PendingAction =
  | { type: "added"; files: PendingFile[] }
  | { type: "created"; key: string; id: string }
  | { type: "progress"; key: string; loaded: number }
  | { type: "uploaded"; key: string }
  | { type: "failed"; key: string; error: string }
  | { type: "removed"; key: string }
  | { type: "cleared" };

function change(pending: PendingFile[], key: string, patch: Partial<PendingFile>): PendingFile[] {
  return pending.map((file) => (file.key === key ? { ...file, ...patch } : file));
}

export function pendingReducer(pending: PendingFile[], action: PendingAction): PendingFile[] {
  switch (action.type) {
    case "added":
      return [...pending, ...action.files];
    case "created":
      return change(pending, action.key, { id: action.id });
    case "progress":
      return change(pending, action.key, { loaded: action.loaded });
    case "uploaded":
      return change(pending, action.key, { state: "done", loaded: pending.find((file) => file.key === action.key)?.size ?? 0 });
    case "failed":
      return change(pending, action.key, { state: "failed", error: action.error });
    case "removed":
      return pending.filter((file) => file.key !== action.key);
    case "cleared":
      return [];
  }
}

/** How many of `offered` fit beside the `held` files already waiting: the rest are refused. */
export function admit<T>(held: number, offered: readonly T[]): { accepted: T[]; refused: number } {
  const room = Math.max(0, MAX_FILES - held);
  return { accepted: offered.slice(0, room), refused: Math.max(0, offered.length - room) };
}

/**
 * Whether the message may go: "none" (no files, the text alone decides), "uploading" (wait),
 * "failed" (a file did not arrive: remove it first) or "ready".
 */
export function readiness(pending: readonly PendingFile[]): "none" | "uploading" | "failed" | "ready" {
  if (pending.length === 0) return "none";
  if (pending.some((file) => file.state === "failed")) return "failed";
  return pending.every((file) => file.state === "done" && file.id) ? "ready" : "uploading";
}

/** Share of the bytes sent, 0 to 1. */
export function progressOf(file: PendingFile): number {
  return file.size === 0 ? (file.state === "done" ? 1 : 0) : Math.min(1, file.loaded / file.size);
}

const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;

/** "512 bytes", "1.5 kB", "24 MB" in the reader's language ("1,5 ko" in French); steps of 1024, as file managers count. */
export function formatSize(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

/** An image's box in the conversation: its own size, scaled down (never up) to fit `max`, aspect kept. */
export function fitBox(width: number, height: number, max = { width: 400, height: 300 }): { width: number; height: number } {
  const scale = Math.min(1, max.width / width, max.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
