"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";

import { useHydrated } from "~/components/hydration-mark";
import { Hash } from "~/components/icons";
import { EmptyState } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";

import { ChannelHeader } from "../channels/channel-header";
import { MemberList } from "../members/member-list";
import { PinsPopover } from "../pins/pins-popover";
import { ChannelNotifySettings } from "../unread/notify-settings";
import { SidePanel } from "../shell/side-panel";
import { ChannelStart } from "./list-parts";
import { MessagePane } from "./message-pane";
import { useServerStanding } from "./use-message-actions";
import { useSendGate } from "./use-send-gate";

/** One channel: its header, the conversation, the composer, and the member list beside them. */
export function ChannelView({ serverId, channelId }: { serverId: string; channelId: string }) {
  const t = useTranslations("messages.channel");
  const trpc = useTRPC();
  const channels = useQuery(trpc.channel.list.queryOptions({ serverId }));
  const channel = channels.data?.find((candidate) => candidate.id === channelId);
  const standing = useServerStanding(serverId);
  const gate = useSendGate(serverId, channel);
  const hydrated = useHydrated();

  if (channels.isSuccess && !channel) {
    return (
      <main className="flex flex-1 items-center justify-center bg-chat">
        <EmptyState
          icon={<Hash className="size-8" aria-hidden />}
          title={t("goneTitle")}
          action={
            <Link href={`/channels/${serverId}`} className="text-[#00a8fc] hover:underline">
              {t("backToServer")}
            </Link>
          }
        >
          {t("goneBody")}
        </EmptyState>
      </main>
    );
  }

  return (
    <main className="flex min-w-0 flex-1 flex-col bg-chat" data-hydrating={hydrated ? undefined : ""}>
      <ChannelHeader
        serverId={serverId}
        name={channel?.name ?? "…"}
        topic={channel?.topic}
        tools={
          <>
            <ChannelNotifySettings serverId={serverId} channelId={channelId} />
            <PinsPopover channelId={channelId} canUnpin={standing.canPin} />
          </>
        }
      />
      <div className="flex min-h-0 flex-1">
        <MessagePane
          serverId={serverId}
          channelId={channelId}
          label={`#${channel?.name ?? ""}`}
          start={channel && <ChannelStart channel={channel} />}
          ready={!!channel}
          standing={standing}
          gate={gate}
        />
        <SidePanel closeLabel={t("closeMemberList")}>
          <MemberList serverId={serverId} channelId={channelId} />
        </SidePanel>
      </div>
    </main>
  );
}
