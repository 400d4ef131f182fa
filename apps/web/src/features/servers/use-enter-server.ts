"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

import { useTRPC } from "~/trpc/react";

/** After creating or joining a server: the rail learns of it, `onEntered` runs (a dialog closes), and the server opens. */
export function useEnterServer(onEntered?: () => void): (server: { id: string }) => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return async (server) => {
    await queryClient.invalidateQueries(trpc.server.list.queryFilter());
    onEntered?.();
    router.push(`/channels/${server.id}`);
  };
}
