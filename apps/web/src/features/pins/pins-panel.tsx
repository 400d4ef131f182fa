"use client";

import { useLocale, useTranslations } from "next-intl";

import { Button } from "~/components/ui/button";
import { HeaderPanel } from "~/components/ui/header-panel";
import { useDescribeError } from "~/lib/use-describe-error";

import { formatExact } from "../messages/format-time";
import { type Mention, MessageText } from "../messages/message-text";
import { shownName } from "../people/shown-name";
import { usePins } from "./use-pins";

const noMentions: ReadonlyMap<string, Mention> = new Map();

/** The channel's pinned messages under the header's pin button, newest pinned first. */
export function PinsPanel({ channelId, canUnpin, onClose }: { channelId: string; canUnpin: boolean; onClose: () => void }) {
  const t = useTranslations("pins.popover");
  const locale = useLocale();
  const describeError = useDescribeError();
  const { pins, toggle, error } = usePins(channelId);
  const count = pins.data?.length ?? 0;
  return (
    <HeaderPanel
      label={t("label")}
      status={pins.isPending ? t("loading") : pins.isError ? describeError(pins.error) : count === 0 ? t("empty") : t("count", { count })}
      closeLabel={t("close")}
      onClose={onClose}
    >
      {error && (
        <p role="alert" className="px-3 py-2 text-sm text-[#fa777c]">
          {describeError(error)}
        </p>
      )}
      <ol className="flex flex-col">
        {pins.data?.map(({ message, pinnedBy, pinnedAt }) => (
          <li key={message.id} data-pinned-id={message.id} className="border-b border-line/50 px-3 py-2 last:border-b-0">
            <span className="flex items-baseline gap-2 text-xs text-muted">
              <span className="font-semibold text-strong">{message.author ? shownName(message.author) : t("deletedUser")}</span>
              <time dateTime={message.createdAt.toISOString()}>{formatExact(message.createdAt, locale)}</time>
            </span>
            <div className="mt-0.5 text-sm break-words whitespace-pre-wrap text-text">
              {/* Formatted like the message (a spoiler stays hidden); mentions are not highlighted here. */}
              <MessageText content={message.content} mentioned={noMentions} mentionsEveryone={false} readerName={undefined} />
            </div>
            <span className="mt-1 flex items-center justify-between text-xs text-faint">
              <span>{t("pinnedBy", { name: pinnedBy?.username ?? t("deletedAccount"), time: formatExact(pinnedAt, locale) })}</span>
              {canUnpin && (
                <Button variant="link" onClick={() => toggle(message.id, true)}>
                  {t("unpin")}
                </Button>
              )}
            </span>
          </li>
        ))}
      </ol>
    </HeaderPanel>
  );
}
