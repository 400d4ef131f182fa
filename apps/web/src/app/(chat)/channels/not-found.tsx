import { ServerOff } from "lucide-react";
import Link from "next/link";

import { EmptyState } from "~/components/ui/notice";

export default function ServerNotFound() {
  return (
    <main className="flex flex-1 items-center justify-center bg-chat">
      <EmptyState
        icon={<ServerOff className="size-8" aria-hidden />}
        title="Nothing here"
        action={
          <Link href="/channels" className="text-[#00a8fc] hover:underline">
            Go to your servers
          </Link>
        }
      >
        This server or channel does not exist, or you are not a member. Ask a member for an invite link.
      </EmptyState>
    </main>
  );
}
