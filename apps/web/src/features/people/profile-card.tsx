"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode, Ref } from "react";

import { UserPlus } from "~/components/icons";
import { Button } from "~/components/ui/button";
import { ErrorText } from "~/components/ui/notice";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { ChangeNicknameButton } from "../members/nickname-dialog";
import { MessageButton } from "../conversations/message-button";
import { useViewer } from "../shell/use-viewer";
import { ProfileFace } from "./profile-face";
import { useRefreshRelationships } from "./use-relationships";

/** A person's profile card (Discord's popout), fixed at `at`: PersonName opens it. */
export function ProfileCard({ userId, serverId, at, ref }: { userId: string; serverId?: string; at: { top: number; left: number }; ref: Ref<HTMLElement> }) {
  const t = useTranslations("people.card");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const viewer = useViewer();
  const profile = useQuery(trpc.user.profile.queryOptions({ userId }));
  const data = profile.data;
  const name = data ? (data.displayName ?? data.username) : "";
  return (
    <section
      ref={ref}
      aria-label={data ? t("label", { name }) : t("unnamed")}
      style={at}
      className="fixed z-50 max-h-[380px] w-72 overflow-hidden rounded-lg border border-line bg-panel text-left font-normal shadow-xl"
    >
      {!data ? (
        <p role="status" className="p-4 text-sm text-muted">
          {profile.isError ? describeError(profile.error) : t("loading")}
        </p>
      ) : (
        <>
          <ProfileFace profile={data} ring="ring-panel">
            {data.mutualServers.length > 0 && (
              <p className="text-xs text-muted">
                {t("mutualServers", { count: data.mutualServers.length, servers: data.mutualServers.map((server) => server.name).join(", ") })}
              </p>
            )}
            {data.mutualFriends.length > 0 && (
              <p className="text-xs text-muted">{t("mutualFriends", { count: data.mutualFriends.length })}</p>
            )}
            {viewer?.id !== data.id && (
              <div className="mt-3 flex flex-wrap items-start gap-2">
                {data.relationship !== "blocked" && <MessageButton userId={data.id} name={name} />}
                <FriendAction userId={data.id} username={data.username} relationship={data.relationship} />
              </div>
            )}
            {serverId && <ChangeNicknameButton serverId={serverId} userId={data.id} />}
          </ProfileFace>
        </>
      )}
    </section>
  );
}

/** What the viewer can do about a friendship from the card: ask, accept, or see where it stands. */
function FriendAction({ userId, username, relationship }: { userId: string; username: string; relationship: string | null }) {
  const t = useTranslations("people.card");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useRefreshRelationships();
  const onSuccess = () => {
    refresh();
    void queryClient.invalidateQueries({ queryKey: trpc.user.profile.queryKey({ userId }) });
  };
  const request = useMutation(trpc.friend.request.mutationOptions({ onSuccess }));
  const accept = useMutation(trpc.friend.accept.mutationOptions({ onSuccess }));
  const error = request.error ?? accept.error;
  const state: Record<string, ReactNode> = {
    friend: <p className="text-sm text-online">{t("friends")}</p>,
    outgoing: <p className="text-sm text-muted">{t("requestSent")}</p>,
    incoming: (
      <Button size="sm" pending={accept.isPending} onClick={() => accept.mutate({ userId })}>
        {t("accept")}
      </Button>
    ),
    blocked: <p className="text-sm text-muted">{t("blocked")}</p>,
  };
  return (
    <div>
      {relationship ? (
        state[relationship]
      ) : (
        <Button size="sm" pending={request.isPending} onClick={() => request.mutate({ username })}>
          <UserPlus className="size-4" aria-hidden /> {t("add")}
        </Button>
      )}
      <ErrorText>{error && describeError(error)}</ErrorText>
    </div>
  );
}
