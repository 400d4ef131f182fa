"use client";

import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { Download } from "~/components/icons";

import type { Attachment } from "./attachment";
import { downloadUrl, thumbnailSources } from "./attachment";
import { FileIcon } from "./file-icon";
import { fitBox, formatSize } from "./pending";

// Loaded on first opening: most images are only looked at in the conversation.
const Lightbox = dynamic(() => import("./lightbox").then((module) => module.Lightbox), { ssr: false });

/** An image the server measured: shown inline (a file it could not measure is a card). */
const isImage = (attachment: Attachment): attachment is Attachment & { width: number; height: number } =>
  attachment.width !== null && attachment.height !== null && attachment.url !== "";

/**
 * A message's files: images inline at their final size (reserved from the width and height the
 * server read, so nothing jumps when they load), opening in a lightbox; the others as cards with a
 * download button. An unsent message's files have no address yet: cards without the button.
 */
export function Attachments({ attachments }: { attachments: readonly Attachment[] }) {
  const t = useTranslations("attachments");
  const locale = useLocale();
  const [viewing, setViewing] = useState<Attachment | null>(null);
  if (attachments.length === 0) return null;
  return (
    <>
    <ul aria-label={t("label")} className="mt-1 flex flex-col items-start gap-1">
      {attachments.map((attachment) => {
        if (isImage(attachment)) {
          const box = fitBox(attachment.width, attachment.height);
          return (
            // Capped at the message's width, so that the box narrows on a phone with its aspect kept.
            <li key={attachment.id} data-attachment-image className="max-w-full">
              <button
                type="button"
                aria-label={t("open", { name: attachment.filename })}
                onClick={() => setViewing(attachment)}
                className="relative block overflow-hidden rounded-md bg-rail/60"
                style={{ width: box.width, maxWidth: "100%", aspectRatio: `${box.width} / ${box.height}` }}
              >
                <InlineImage attachment={attachment} box={box} />
              </button>
            </li>
          );
        }
        return (
          <li
            key={attachment.id}
            data-attachment-file
            className="flex w-[432px] max-w-full items-center gap-3 rounded-md border border-rail bg-rail/60 py-2.5 pr-2 pl-3"
          >
            <FileIcon type={attachment.contentType} className="size-9 shrink-0 text-muted" />
            <div className="min-w-0 flex-1">
              <p className="truncate text-[15px] text-strong" title={attachment.filename}>
                {attachment.filename}
              </p>
              <p className="text-xs text-muted">{formatSize(attachment.size, locale)}</p>
            </div>
            {attachment.url && (
              <a
                href={downloadUrl(attachment.url)}
                download={attachment.filename}
                aria-label={t("download", { name: attachment.filename })}
                title={t("download", { name: attachment.filename })}
                className="inline-flex size-9 shrink-0 items-center justify-center rounded-md text-muted hover:bg-hover hover:text-strong pointer-coarse:size-11"
              >
                <Download className="size-5" aria-hidden />
              </a>
            )}
          </li>
        );
      })}
    </ul>
      {viewing && <Lightbox attachment={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}

/**
 * An image in the conversation: its thumbnails (the browser picks the one its box and screen need;
 * the lightbox shows the original), over its blurred placeholder until it has loaded. The
 * placeholder then goes, as it would show through a transparent image.
 */
function InlineImage({ attachment, box }: { attachment: Attachment; box: { width: number; height: number } }) {
  const [loaded, setLoaded] = useState(false);
  const ref = useRef<HTMLImageElement>(null);
  // An image loaded from the cache before hydration fired its load event before React listened.
  useEffect(() => {
    if (ref.current?.complete && ref.current.naturalWidth > 0) setLoaded(true);
  }, []);
  const sources = thumbnailSources(attachment) ?? { src: attachment.url };
  return (
    <>
      {attachment.placeholder && !loaded && (
        <span
          aria-hidden
          data-attachment-placeholder
          className="absolute inset-0 scale-110 bg-cover bg-center blur-md"
          style={{ backgroundImage: `url("${attachment.placeholder}")` }}
        />
      )}
      <img
        ref={ref}
        // Candidates before the address, so that a browser never starts with the wrong one.
        srcSet={sources.srcSet}
        sizes={sources.srcSet && `${box.width}px`}
        src={sources.src}
        alt={attachment.filename}
        width={box.width}
        height={box.height}
        loading="lazy"
        decoding="async"
        onLoad={() => setLoaded(true)}
        className="relative size-full object-cover"
      />
    </>
  );
}
