"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";

import { Avatar } from "~/components/ui/avatar";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { useJoinServer } from "./join-server-dialog";

/** Shows where the invite leads (the server's name and size) before the deliberate click that joins. */
export function AcceptInvite({ code, username }: { code: string; username: string }) {
  const t = useTranslations("servers.acceptInvite");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.invite.preview.queryOptions({ code }), retry: false });
  const join = useJoinServer();
  return (
    <div className="flex flex-col items-center gap-4 text-center">
      <p className="text-sm text-muted">{t("greeting", { username })}</p>
      {preview.data ? (
        <>
          <Avatar name={preview.data.server.name} />
          <h1 className="text-2xl font-semibold text-strong">{preview.data.server.name}</h1>
          <p className="text-sm text-muted">{t("members", { count: preview.data.server.memberCount })}</p>
        </>
      ) : (
        <h1 className="text-2xl font-semibold text-strong">
          {t.rich("invite", { inviteCode: code, code: (chunks) => <code className="rounded bg-rail px-2 py-0.5 text-xl">{chunks}</code> })}
        </h1>
      )}
      <ErrorText>{(join.error ?? preview.error) && describeError(join.error ?? preview.error)}</ErrorText>
      <Button className="w-full" disabled={preview.isError} pending={join.isPending || join.isSuccess} onClick={() => join.mutate({ inviteCode: code })}>
        {t("accept")}
      </Button>
      <Link href="/channels" className="text-sm text-muted hover:underline">
        {t("decline")}
      </Link>
    </div>
  );
}
