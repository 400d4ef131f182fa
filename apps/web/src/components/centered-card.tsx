import type { ReactNode } from "react";

import { MessagesSquare } from "~/components/icons";

/** One card on a quiet background: the signed-out pages and the invite page. */
export function CenteredCard({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-[radial-gradient(ellipse_at_top,#3b3f8f_0%,#1e1f22_60%)] p-4">
      <div className="w-full max-w-[480px] rounded-lg bg-chat p-8 shadow-2xl">
        <div className="mb-6 flex items-center justify-center gap-2 text-strong">
          <MessagesSquare className="size-7 text-brand" aria-hidden />
          <span className="text-lg font-bold">Chat RTC</span>
        </div>
        {children}
      </div>
    </main>
  );
}
