"use client";

import type { RouterOutputs } from "@chat/api";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";

import { useTRPC } from "~/trpc/react";

import { useMembers } from "../members/use-member-cache";
import { nameColourOf } from "./role-colour";

export type ServerRole = RouterOutputs["role"]["list"][number];

/** A server's roles, highest first (kept current by `user.onEvent`'s `roles` events). */
export function useRoles(serverId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.role.list.queryOptions({ serverId }));
}

/** The colour each member's name takes in a server, by user id (undefined: the default text colour). */
export function useNameColour(serverId: string): (userId: string | null | undefined) => string | undefined {
  const roles = useRoles(serverId).data;
  const members = useMembers(serverId).data;
  return useCallback(
    (userId) => {
      const member = userId ? members?.find((candidate) => candidate.userId === userId) : undefined;
      return member && roles ? nameColourOf(member.roleIds, roles) : undefined;
    },
    [members, roles],
  );
}

/** Writes `user.onEvent`'s role news into the cache: the roles as they now stand, and the viewer's own standing. */
export function useRoleCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    /** The viewer's permissions and rank (`server.get`, `server.list`) and what they let them see. */
    const refreshStanding = (serverId: string) => {
      void queryClient.invalidateQueries(trpc.server.get.queryFilter({ serverId }));
      void queryClient.invalidateQueries(trpc.server.list.queryFilter());
      void queryClient.invalidateQueries(trpc.channel.list.queryFilter({ serverId }));
      void queryClient.invalidateQueries(trpc.category.list.queryFilter({ serverId }));
    };
    return {
      refreshStanding,
      setRoles(serverId: string, roles: ServerRole[]) {
        queryClient.setQueryData(trpc.role.list.queryKey({ serverId }), roles);
        // Any role may be the viewer's (@everyone always is): what they may do is asked again.
        refreshStanding(serverId);
      },
    };
  }, [trpc, queryClient]);
}
