"use client";

import { useTranslations } from "next-intl";

import { X } from "~/components/icons";
import { IconButton } from "~/components/ui/button";

import type { ChatMessage } from "./message-cache";
import { safeHref } from "./markdown";

interface EmbedsProps {
  embeds: ChatMessage["embeds"];
  /** Set for the author, who may remove the previews. */
  onRemove?: (() => void) | undefined;
}

/** Links leave the app as the message's own links do: a new tab, no referrer, no endorsement. */
const external = { target: "_blank", rel: "noopener noreferrer nofollow" } as const;

/** The box a preview's image fits in, its proportions kept. */
const THUMBNAIL = 80;

/** The size the image takes, known before it loads (from the server's copy), so the row does not jump. */
function thumbnailSize(width: number | null, height: number | null): { width: number; height: number } {
  if (!width || !height) return { width: THUMBNAIL, height: THUMBNAIL };
  const scale = Math.min(1, THUMBNAIL / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The link previews the server read from the pages' Open Graph cards: text only (never the page's
 * HTML), and the image the server copied (same origin, /api/embeds/…), so the linked site never
 * learns who reads the message; the CSP lets no other origin's image load.
 */
export function Embeds({ embeds, onRemove }: EmbedsProps) {
  const t = useTranslations("messages.embeds");
  if (embeds.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-col gap-1" aria-label={t("label")}>
      {embeds.map((embed) => {
        const href = safeHref(embed.url);
        const image = embed.imageUrl?.startsWith("/api/embeds/") ? embed.imageUrl : null;
        const size = thumbnailSize(embed.imageWidth, embed.imageHeight);
        return (
          <li
            key={embed.url}
            data-embed
            className="relative flex max-w-[432px] gap-3 rounded-sm border-l-4 border-[#4e5058] bg-rail/60 py-2 pr-8 pl-3"
          >
            <div className="min-w-0 flex-1">
              {embed.siteName && <p className="text-xs text-muted">{embed.siteName}</p>}
              {embed.title &&
                (href ? (
                  <a href={href} {...external} className="font-semibold break-words text-[#00a8fc] hover:underline">
                    {embed.title}
                  </a>
                ) : (
                  <p className="font-semibold break-words text-strong">{embed.title}</p>
                ))}
              {embed.description && <p className="mt-1 line-clamp-4 text-sm break-words text-text">{embed.description}</p>}
            </div>
            {image && (
              <img
                src={image}
                alt=""
                loading="lazy"
                data-embed-image
                className="shrink-0 self-start rounded-sm object-contain"
                width={size.width}
                height={size.height}
                style={{ width: size.width, height: size.height }}
              />
            )}
            {onRemove && (
              <IconButton label={t("remove")} onClick={onRemove} className="absolute top-1 right-1">
                <X className="size-4" aria-hidden />
              </IconButton>
            )}
          </li>
        );
      })}
    </ul>
  );
}
