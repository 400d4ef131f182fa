"use client";

import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "~/trpc/react";

import { useReplaceMember } from "../members/use-member-cache";

/** Gives a member a role or takes it (`member.addRole` / `removeRole`); the answer updates the cached member list. */
export function useAssignRole(serverId: string) {
  const trpc = useTRPC();
  const replaceMember = useReplaceMember();
  const onSuccess = (member: Parameters<typeof replaceMember>[1]) => void replaceMember(serverId, member);
  const add = useMutation(trpc.member.addRole.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.member.removeRole.mutationOptions({ onSuccess }));
  return {
    toggle: (userId: string, roleId: string, held: boolean) => (held ? add : remove).mutate({ serverId, userId, roleId }),
    pending: add.isPending || remove.isPending,
    error: add.error ?? remove.error,
  };
}
