import { Skeleton } from "~/components/ui/skeleton";

/** Placeholder message rows while messages load: an avatar, a name, and a line of text `width` (0–1) of the row long. */
export function MessageSkeletonRows({ widths }: { widths: number[] }) {
  return widths.map((width, index) => (
    <div key={index} className="flex gap-4">
      <Skeleton className="size-10 shrink-0 rounded-full" />
      <div className="flex flex-1 flex-col gap-2">
        <Skeleton className="h-4 w-28" />
        <Skeleton className="h-4" style={{ width: `${width * 100}%` }} />
      </div>
    </div>
  ));
}
