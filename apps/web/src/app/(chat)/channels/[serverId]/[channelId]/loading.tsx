import { ChannelSkeleton } from "~/features/messages/channel-skeleton";

export default function Loading() {
  return <ChannelSkeleton />;
}
