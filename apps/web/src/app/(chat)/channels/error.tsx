"use client";

import { TriangleAlert } from "lucide-react";

import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/notice";

export default function ChatError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="flex flex-1 items-center justify-center bg-chat">
      <EmptyState icon={<TriangleAlert className="size-8" aria-hidden />} title="Something went wrong" action={<Button onClick={reset}>Try again</Button>}>
        We could not load this page. Check your connection, then try again.
      </EmptyState>
    </main>
  );
}
