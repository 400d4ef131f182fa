import { cn } from "~/lib/cn";

const palette = ["#5865f2", "#3ba55c", "#faa61a", "#ed4245", "#eb459e", "#00a8fc", "#9b59b6", "#1abc9c", "#e67e22"];

/** The same name always gets the same colour, so people are recognisable at a glance. */
export function colorFor(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

export function initials(name: string): string {
  const words = name.split(/[\s_.-]+/).filter(Boolean);
  const letters = words.length > 1 ? words[0]![0]! + words[1]![0]! : name.slice(0, 2);
  return letters.toUpperCase();
}

export type DotStatus = "online" | "idle" | "dnd" | "offline";

interface AvatarProps {
  name: string;
  /** The picture's URL (a DTO's avatarUrl or iconUrl, the 128 px size); initials on a colour without one. */
  src?: string | null;
  size?: "sm" | "md";
  /** Shows a presence dot when given: true is online, false offline, or a status. */
  online?: boolean | DotStatus;
  className?: string;
}

export function Avatar({ name, src, size = "md", online, className }: AvatarProps) {
  const box = size === "sm" ? "size-8 text-xs" : "size-10 text-sm";
  return (
    <span className={cn("relative inline-flex shrink-0", className)} aria-hidden>
      {src ? <Picture src={src} width={size === "sm" ? 32 : 40} className={cn("rounded-full", box)} /> : <Monogram name={name} className={cn("rounded-full", box)} />}
      {online !== undefined && (
        <PresenceDot status={typeof online === "boolean" ? (online ? "online" : "offline") : online} className="absolute -right-0.5 -bottom-0.5" />
      )}
    </span>
  );
}

/**
 * A name's initials on its colour, shown beside the name it stands for: drawn as generated content, a picture
 * rather than text to read (screen readers skip it; contrast rules for text do not apply).
 */
export function Monogram({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      data-initials={initials(name)}
      style={{ backgroundColor: colorFor(name) }}
      className={cn("inline-flex items-center justify-center font-semibold text-white select-none before:content-[attr(data-initials)]", className)}
    />
  );
}

const pictureSizes = [32, 64, 128, 256];

/** The sizes a picture's URL stands for: its last segment (128) swapped for each. */
export function pictureSrcSet(src: string): string {
  return pictureSizes.map((size) => `${src.replace(/\/\d+$/, `/${size}`)} ${size}w`).join(", ");
}

/** An avatar or server icon: the browser picks the size for the screen's density from the srcset. */
export function Picture({ src, width, className }: { src: string; width: number; className?: string }) {
  return (
    <img src={src} srcSet={pictureSrcSet(src)} sizes={`${width}px`} alt="" width={width} height={width} className={cn("object-cover", className)} />
  );
}

const dotColors: Record<DotStatus, string> = { online: "bg-online", idle: "bg-[#f0b232]", dnd: "bg-[#f23f43]", offline: "bg-faint" };

export function PresenceDot({ status, className }: { status: DotStatus; className?: string }) {
  return <span data-presence={status} className={cn("block size-3.5 rounded-full border-[3px] border-panel", dotColors[status], className)} />;
}
