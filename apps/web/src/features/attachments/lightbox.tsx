"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { Download, X, ZoomIn, ZoomOut } from "~/components/icons";
import { cn } from "~/lib/cn";

import { type Attachment, downloadUrl } from "./attachment";
import { formatSize } from "./pending";

const control =
  "inline-flex size-10 items-center justify-center rounded-md bg-black/50 text-white/85 hover:bg-black/70 hover:text-white pointer-coarse:size-11";

/**
 * An image over the whole window, on the native <dialog> as the app's other dialogs are: the
 * browser traps focus, Escape closes it, and closing gives focus back to the image that opened it.
 * It fits the window until zoomed to its own size (then it scrolls); a click beside it closes it.
 */
export function Lightbox({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const t = useTranslations("attachments");
  const locale = useLocale();
  const ref = useRef<HTMLDialogElement>(null);
  const [zoomed, setZoomed] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
  }, []);
  // Closed through the element, never by unmounting it open: only a native close gives the focus back.
  const close = () => ref.current?.close();

  return (
    <dialog
      ref={ref}
      aria-label={attachment.filename}
      onClose={onClose}
      onClick={(event) => event.target === event.currentTarget && close()}
      className="m-0 size-full max-h-none max-w-none bg-black/85 p-0 text-white backdrop:bg-black/60"
    >
      <div className="flex size-full flex-col" onClick={(event) => event.target === event.currentTarget && close()}>
        <header className="flex shrink-0 items-center gap-2 p-3">
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium">{attachment.filename}</p>
            <p className="text-xs text-white/70">
              {formatSize(attachment.size, locale)}
              {attachment.width && attachment.height ? ` · ${attachment.width} × ${attachment.height}` : ""}
            </p>
          </div>
          <button
            type="button"
            aria-pressed={zoomed}
            aria-label={t("zoom")}
            title={t("zoom")}
            onClick={() => setZoomed((on) => !on)}
            className={control}
          >
            {zoomed ? <ZoomOut className="size-5" aria-hidden /> : <ZoomIn className="size-5" aria-hidden />}
          </button>
          <a href={downloadUrl(attachment.url)} download={attachment.filename} className={control} aria-label={t("download", { name: attachment.filename })} title={t("download", { name: attachment.filename })}>
            <Download className="size-5" aria-hidden />
          </a>
          <button type="button" aria-label={t("close")} title={t("close")} onClick={close} className={control}>
            <X className="size-5" aria-hidden />
          </button>
        </header>
        <div
          className={cn("min-h-0 flex-1 overflow-auto p-4", !zoomed && "flex items-center justify-center")}
          onClick={(event) => event.target === event.currentTarget && close()}
        >
          <img
            src={attachment.url}
            alt={attachment.filename}
            width={attachment.width ?? undefined}
            height={attachment.height ?? undefined}
            onClick={() => setZoomed((on) => !on)}
            className={cn(zoomed ? "max-w-none cursor-zoom-out" : "max-h-full max-w-full cursor-zoom-in object-contain")}
            style={zoomed ? undefined : { height: "auto" }}
          />
        </div>
      </div>
    </dialog>
  );
}
