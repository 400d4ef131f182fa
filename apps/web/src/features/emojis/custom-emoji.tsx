import { cn } from "~/lib/cn";

/**
 * A custom emoji inline in text: 1.375em as Discord draws them, 3em when a message is emoji alone
 * (`jumbo`). The image route answers for any signed-in reader and is cached for good.
 */
export function CustomEmoji({ emoji, jumbo = false, className }: { emoji: { name: string; url: string }; jumbo?: boolean; className?: string }) {
  return (
    <img
      src={emoji.url}
      alt={`:${emoji.name}:`}
      title={`:${emoji.name}:`}
      draggable={false}
      data-emoji={emoji.name}
      className={cn("inline-block object-contain align-bottom", jumbo ? "size-[3em]" : "size-[1.375em]", className)}
    />
  );
}
