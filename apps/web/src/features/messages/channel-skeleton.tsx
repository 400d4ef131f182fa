import { useTranslations } from "next-intl";

import { Skeleton } from "~/components/ui/skeleton";

import { MessageSkeletonRows } from "./message-skeleton-rows";

/** The channel area while its page loads: header, a few message shapes, the composer. */
export function ChannelSkeleton() {
  const t = useTranslations("messages.channel");
  return (
    <main role="status" aria-label={t("loading")} className="flex min-w-0 flex-1 flex-col bg-chat">
      <div className="flex h-12 items-center gap-2 border-b border-rail px-4">
        <Skeleton className="h-5 w-32" />
      </div>
      <div className="flex flex-1 flex-col justify-end gap-6 overflow-hidden px-4 pb-4">
        <MessageSkeletonRows widths={[0.5, 0.8, 0.35, 0.65]} />
      </div>
      <div className="px-4 pb-6">
        <Skeleton className="h-11 w-full rounded-lg" />
      </div>
    </main>
  );
}
