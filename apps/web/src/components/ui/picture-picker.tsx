"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";

import { Avatar } from "./avatar";
import { Button } from "./button";
import { ErrorText } from "./notice";

interface PicturePickerProps {
  name: string;
  src: string | null;
  /** Where the picture is PUT (the session cookie authorizes it). */
  uploadUrl: string;
  /** Told of the new URL (after an upload) or null (after a removal). */
  onChanged(url: string | null): void;
  remove(): Promise<unknown>;
}

/** An avatar or server icon: a preview, a file picker that uploads at once, and a removal. */
export function PicturePicker({ name, src, uploadUrl, onChanged, remove }: PicturePickerProps) {
  const t = useTranslations("ui.picture");
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(step: () => Promise<string | null>) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await step());
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t("failed"));
    } finally {
      setBusy(false);
    }
  }

  async function upload(file: File): Promise<string | null> {
    const response = await fetch(uploadUrl, { method: "PUT", body: file, headers: { "content-type": file.type || "application/octet-stream" } });
    const body = (await response.json().catch(() => null)) as { message?: string; avatarUrl?: string; iconUrl?: string } | null;
    if (!response.ok) throw new Error(response.status === 413 ? t("tooLarge") : (body?.message ?? t("failed")));
    return body?.avatarUrl ?? body?.iconUrl ?? null;
  }

  return (
    <div className="flex items-center gap-4">
      <Avatar name={name} src={src} />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap gap-2">
          <Button type="button" disabled={busy} onClick={() => input.current?.click()}>
            {busy ? t("uploading") : t("upload")}
          </Button>
          {src && (
            <Button type="button" variant="secondary" disabled={busy} onClick={() => void run(async () => (await remove(), null))}>
              {t("remove")}
            </Button>
          )}
        </div>
        <span className="text-xs text-muted">{t("hint")}</span>
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp,image/avif"
          aria-label={t("upload")}
          className="sr-only"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) void run(() => upload(file));
          }}
        />
        {error && <ErrorText>{error}</ErrorText>}
      </div>
    </div>
  );
}
