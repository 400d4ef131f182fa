"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "~/trpc/react";

import { moveCategory, moveChannel } from "./sidebar-layout";

/**
 * `channel.move` and `category.move` with an optimistic update: the sidebar shows the new order
 * at once, goes back to the order it had if the API refuses, and reads the API's order after either.
 */
export function useLayoutMoves(serverId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channelsKey = trpc.channel.list.queryKey({ serverId });
  const categoriesKey = trpc.category.list.queryKey({ serverId });

  const channel = useMutation(
    trpc.channel.move.mutationOptions({
      onMutate: async ({ channelId, categoryId, position }) => {
        await queryClient.cancelQueries({ queryKey: channelsKey });
        const before = queryClient.getQueryData(channelsKey);
        queryClient.setQueryData(channelsKey, (current) => current && moveChannel(current, channelId, categoryId, Number(position)));
        return { before };
      },
      onError: (_error, _input, context) => queryClient.setQueryData(channelsKey, context?.before),
      onSettled: () => queryClient.invalidateQueries({ queryKey: channelsKey }),
    }),
  );
  const category = useMutation(
    trpc.category.move.mutationOptions({
      onMutate: async ({ categoryId, position }) => {
        await queryClient.cancelQueries({ queryKey: categoriesKey });
        const before = queryClient.getQueryData(categoriesKey);
        queryClient.setQueryData(categoriesKey, (current) => current && moveCategory(current, categoryId, Number(position)));
        return { before };
      },
      onError: (_error, _input, context) => queryClient.setQueryData(categoriesKey, context?.before),
      onSuccess: (categories) => queryClient.setQueryData(categoriesKey, categories),
    }),
  );
  return { moveChannel: channel.mutate, moveCategory: category.mutate, error: channel.error ?? category.error };
}
