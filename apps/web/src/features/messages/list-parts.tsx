import { useTranslations } from "next-intl";

import { Hash } from "~/components/icons";
import { Button } from "~/components/ui/button";

import { MessageSkeletonRows } from "./message-skeleton-rows";

/** The pieces of the message list around the messages: the top of the history and day separators. */
/*
 * The separators sit between the feed's articles, where ARIA allows nothing but articles: they are
 * plain text there (a screen reader reads "Today" or "New messages" as it moves between messages),
 * not separators.
 */
export function DaySeparator({ label }: { label: string }) {
  return (
    <div data-day-separator className="flex items-center gap-2 px-4 pt-2 pb-2">
      <span className="h-px flex-1 bg-line" />
      <span className="text-xs font-semibold text-muted">{label}</span>
      <span className="h-px flex-1 bg-line" />
    </div>
  );
}

/** Above the first message the reader had not read when they opened the channel. */
export function NewMessagesDivider() {
  const t = useTranslations("messages.list");
  return (
    <div data-testid="new-messages" className="flex items-center gap-2 px-4 pb-1">
      <span className="h-px flex-1 bg-danger" />
      <span aria-hidden className="rounded bg-danger px-1 text-[10px] font-bold tracking-wide text-white uppercase">
        {t("new")}
      </span>
      <span className="sr-only">{t("newMessages")}</span>
    </div>
  );
}

export function ChannelStart({ channel }: { channel: { name: string; topic: string } }) {
  const t = useTranslations("messages.list");
  return (
    <div className="px-4 pt-8 pb-2">
      <div className="mb-3 flex size-16 items-center justify-center rounded-full bg-field">
        <Hash className="size-10 text-strong" aria-hidden />
      </div>
      <h2 className="text-3xl font-bold text-strong">{t("welcome", { name: channel.name })}</h2>
      <p className="mt-1 text-muted">{t("start", { name: channel.name, topic: channel.topic })}</p>
    </div>
  );
}

export function OlderLoading() {
  const t = useTranslations("messages.list");
  return (
    <div role="status" aria-label={t("loadingOlder")} className="flex flex-col gap-5 px-4 pt-6 pb-2">
      <MessageSkeletonRows widths={[0.7, 0.45, 0.6]} />
    </div>
  );
}

export function OlderFailed({ retry }: { retry: () => void }) {
  const t = useTranslations("messages.list");
  return (
    <div role="alert" className="flex items-center justify-center gap-2 px-4 py-6 text-sm text-muted">
      {t("olderFailed")}
      <Button variant="link" onClick={retry}>
        {t("tryAgain")}
      </Button>
    </div>
  );
}
