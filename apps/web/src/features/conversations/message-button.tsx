"use client";

import { useTranslations } from "next-intl";

import { MessageCircle } from "~/components/icons";
import { Button, IconButton } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { useDescribeError } from "~/lib/use-describe-error";

import { useOpenDm } from "./use-conversations";

/**
 * "Message": opens the DM with someone and goes to it. A refusal (their privacy setting, a block) says why in a
 * dialog, wherever the button sits (a profile card, a friend's row, a member's hover actions).
 */
export function MessageButton({ userId, name, compact, className }: { userId: string; name: string; compact?: boolean; className?: string }) {
  const t = useTranslations("conversations.messageButton");
  const describeError = useDescribeError();
  const open = useOpenDm();
  const label = t("label", { name });
  const start = () => open.mutate({ userId });
  return (
    <>
      {compact ? (
        <IconButton label={label} onClick={start} disabled={open.isPending} className={className}>
          <MessageCircle className="size-4" aria-hidden />
        </IconButton>
      ) : (
        <Button size="sm" aria-label={label} pending={open.isPending} onClick={start} className={className}>
          <MessageCircle className="size-4" aria-hidden /> {t("message")}
        </Button>
      )}
      <Dialog open={open.isError} onClose={() => open.reset()} title={t("refused", { name })}>
        <p role="alert" className="text-text">
          {open.error && describeError(open.error)}
        </p>
        <div className="flex justify-end">
          <Button onClick={() => open.reset()}>{t("ok")}</Button>
        </div>
      </Dialog>
    </>
  );
}
