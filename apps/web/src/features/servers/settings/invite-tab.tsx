"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { type Person, can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import { CopyLink } from "./copy-link";
import { LimitedInvites } from "./limited-invites";
import { OwnInvite } from "./own-invite";
import type { Server } from "./server-settings-dialog";
import { useInviteLink } from "./use-invite-link";

/** The standing link for those who manage invites (the API sends the code only to them); a link of one's own for others. */
export function InviteTab({ server, viewer }: { server: Server; viewer: Person }) {
  if (!server.inviteCode) return <OwnInvite server={server} />;
  return <StandingInvite server={server} inviteCode={server.inviteCode} viewer={viewer} />;
}

function StandingInvite({ server, inviteCode, viewer }: { server: Server; inviteCode: string; viewer: Person }) {
  const t = useTranslations("servers.settings.invite");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const linkTo = useInviteLink();

  const regenerate = useMutation(
    trpc.server.regenerateInvite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.server.get.queryFilter({ serverId: server.id })),
    }),
  );

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-muted">{t("intro", { server: server.name })}</p>
      <div className="flex flex-col gap-2">
        <CopyLink link={linkTo(inviteCode)} />
        <p className="text-xs text-muted">
          {t.rich("code", { inviteCode, code: (chunks) => <code className="rounded bg-rail px-1 py-0.5 text-text">{chunks}</code> })}
        </p>
      </div>
      {can("server.regenerateInvite", viewer) && (
        <div className="flex flex-col gap-2 border-t border-line pt-4">
          <p className="text-sm text-muted">{t("regenerateHint")}</p>
          <ErrorText>{regenerate.error && describeError(regenerate.error)}</ErrorText>
          <Button variant="secondary" pending={regenerate.isPending} onClick={() => regenerate.mutate({ serverId: server.id })} className="self-start">
            {t("regenerate")}
          </Button>
        </div>
      )}
      {can("invite.manage", viewer) && <LimitedInvites server={server} />}
    </div>
  );
}
