"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Avatar } from "~/components/ui/avatar";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";

/** The server's bans with their reasons and who issued them; unbanning lets the person rejoin by invite. */
export function BansTab({ server }: { server: Server }) {
  const t = useTranslations("servers.settings.bans");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const bans = useQuery(trpc.member.listBans.queryOptions({ serverId: server.id }));
  const unban = useMutation(
    trpc.member.unban.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.member.listBans.queryFilter({ serverId: server.id })) }),
  );

  return (
    <div className="flex flex-col gap-3">
      <ErrorText>{(bans.error ?? unban.error) && describeError(bans.error ?? unban.error)}</ErrorText>
      {bans.data?.length === 0 && <p className="text-sm text-muted">{t("none", { server: server.name })}</p>}
      <ul aria-label={t("list")} className="scrollbar-thin flex max-h-80 flex-col gap-1 overflow-y-auto">
        {bans.data?.map((ban) => (
          <li key={ban.user.id} data-user={ban.user.username} className="flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-hover">
            <Avatar name={ban.user.username} size="sm" />
            <div className="flex min-w-0 flex-1 flex-col">
              <span className="truncate text-sm font-medium text-strong">{ban.user.username}</span>
              <span className="truncate text-xs text-muted">
                {t("line", { reason: ban.reason || t("noReason"), moderator: ban.bannedBy?.username ?? t("deletedAccount") })}
              </span>
            </div>
            <Button variant="ghost" size="sm" pending={unban.isPending && unban.variables?.userId === ban.user.id} onClick={() => unban.mutate({ serverId: server.id, userId: ban.user.id })}>
              {t("unban")}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
