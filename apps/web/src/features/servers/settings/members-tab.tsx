"use client";

import type { RouterOutputs } from "@chat/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Crown } from "~/components/icons";
import { Avatar } from "~/components/ui/avatar";
import { Button } from "~/components/ui/button";
import { DialogActions } from "~/components/ui/dialog";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { type Person, can } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

import type { Server } from "./server-settings-dialog";

type Member = RouterOutputs["member"]["list"][number];

export function MembersTab({ server, viewer }: { server: Server; viewer: Person }) {
  const t = useTranslations("servers.settings.members");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.member.list.queryOptions({ serverId: server.id }));
  const [transferTo, setTransferTo] = useState<Member | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.member.list.queryFilter({ serverId: server.id })),
      queryClient.invalidateQueries(trpc.server.get.queryFilter({ serverId: server.id })),
      queryClient.invalidateQueries(trpc.server.list.queryFilter()),
    ]);
  const updateRole = useMutation(trpc.member.updateRole.mutationOptions({ onSuccess: refresh }));
  const transfer = useMutation(
    trpc.member.transferOwnership.mutationOptions({
      onSuccess: async () => {
        setTransferTo(null);
        await refresh();
      },
    }),
  );
  const failure = updateRole.error ?? transfer.error;

  if (transferTo) {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm">
          {t.rich("confirm", { name: transferTo.username, server: server.name, b: (chunks) => <strong className="text-strong">{chunks}</strong> })}
        </p>
        <ErrorText>{transfer.error && describeError(transfer.error)}</ErrorText>
        <DialogActions onCancel={() => setTransferTo(null)}>
          <Button variant="danger" pending={transfer.isPending} onClick={() => transfer.mutate({ serverId: server.id, userId: transferTo.userId })}>
            {t("transfer")}
          </Button>
        </DialogActions>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <ErrorText>{failure && describeError(failure)}</ErrorText>
      <ul className="scrollbar-thin flex max-h-80 flex-col gap-1 overflow-y-auto">
        {members.data?.map((member) => (
          <li key={member.userId} className="flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-hover">
            <Avatar name={member.username} size="sm" />
            <span className="min-w-0 flex-1 truncate text-sm font-medium text-strong">{member.username}</span>
            {member.role === "owner" ? (
              <span className="inline-flex items-center gap-1 text-xs text-warning">
                <Crown className="size-3.5" aria-hidden /> {t("owner")}
              </span>
            ) : (
              <>
                {can("member.updateRole", viewer) && (
                  <select
                    aria-label={t("roleOf", { name: member.username })}
                    value={member.role}
                    disabled={updateRole.isPending}
                    onChange={(event) =>
                      updateRole.mutate({ serverId: server.id, userId: member.userId, role: event.target.value as "admin" | "member" })
                    }
                    className="rounded-md bg-rail px-2 py-1 text-sm text-text"
                  >
                    <option value="admin">{t("admin")}</option>
                    <option value="member">{t("member")}</option>
                  </select>
                )}
                {can("member.transferOwnership", viewer) && (
                  <Button variant="ghost" size="sm" onClick={() => setTransferTo(member)}>
                    {t("makeOwner")}
                  </Button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
