"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import { useTRPC } from "~/trpc/react";

import type { Member } from "./group-members";

/** Puts a member's new state (a timeout set or lifted) into their server's cached member list. */
export function useReplaceMember() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (serverId: string, member: Member) =>
      queryClient.setQueryData(trpc.member.list.queryKey({ serverId }), (members) =>
        members?.map((current) => (current.userId === member.userId ? member : current)),
      ),
    [trpc, queryClient],
  );
}
