"use client";

import Link from "next/link";

import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { describeError } from "~/lib/api-error";

import { useJoinServer } from "./join-server-dialog";

export function AcceptInvite({ code, username }: { code: string; username: string }) {
  const join = useJoinServer();
  return (
    <div className="flex flex-col items-center gap-4 text-center">
      <p className="text-sm text-muted">Hi {username}, you have been invited to join a server</p>
      <h1 className="text-2xl font-semibold text-strong">
        Invite <code className="rounded bg-rail px-2 py-0.5 text-xl">{code}</code>
      </h1>
      <ErrorText>{join.error && describeError(join.error)}</ErrorText>
      <Button className="w-full" pending={join.isPending || join.isSuccess} onClick={() => join.mutate({ inviteCode: code })}>
        Accept invite
      </Button>
      <Link href="/channels" className="text-sm text-muted hover:underline">
        No thanks
      </Link>
    </div>
  );
}
