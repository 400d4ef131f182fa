import { Skeleton } from "~/components/ui/skeleton";

/** The channel area while its page loads: header, a few message shapes, the composer. */
export function ChannelSkeleton() {
  return (
    <main role="status" aria-label="Loading channel" className="flex min-w-0 flex-1 flex-col bg-chat">
      <div className="flex h-12 items-center gap-2 border-b border-rail px-4">
        <Skeleton className="h-5 w-32" />
      </div>
      <div className="flex flex-1 flex-col justify-end gap-6 overflow-hidden px-4 pb-4">
        {[0.5, 0.8, 0.35, 0.65].map((width, index) => (
          <div key={index} className="flex gap-4">
            <Skeleton className="size-10 shrink-0 rounded-full" />
            <div className="flex flex-1 flex-col gap-2">
              <Skeleton className="h-4 w-28" />
              <Skeleton className="h-4" style={{ width: `${width * 100}%` }} />
            </div>
          </div>
        ))}
      </div>
      <div className="px-4 pb-6">
        <Skeleton className="h-11 w-full rounded-lg" />
      </div>
    </main>
  );
}
