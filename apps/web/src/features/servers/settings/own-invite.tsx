"use client";

import { limits } from "@chat/validators/limits";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { CopyLink } from "./copy-link";
import type { Server } from "./server-settings-dialog";
import { useInviteLink } from "./use-invite-link";

const days = limits.memberInviteLifetimeSeconds.max / 86_400;

/**
 * For those who may invite but not manage invites: a link of their own, which expires (the API
 * sets its lifetime), instead of the server's standing code, which only managers see.
 */
export function OwnInvite({ server }: { server: Server }) {
  const t = useTranslations("servers.settings.ownInvite");
  const locale = useLocale();
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const linkTo = useInviteLink();
  const create = useMutation(trpc.invite.create.mutationOptions());

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted">{t("intro", { server: server.name, days })}</p>
      {create.data ? (
        <div className="flex flex-col gap-2">
          <CopyLink link={linkTo(create.data.code)} />
          {create.data.expiresAt && <p className="text-xs text-muted">{t("expires", { date: create.data.expiresAt.toLocaleString(locale) })}</p>}
        </div>
      ) : (
        <Button pending={create.isPending} onClick={() => create.mutate({ serverId: server.id })} className="self-start">
          {t("create")}
        </Button>
      )}
      <ErrorText>{create.error && describeError(create.error)}</ErrorText>
    </div>
  );
}
