"use client";

import { useInfiniteQuery } from "@tanstack/react-query";

import { useTRPCClient } from "~/trpc/react";

import { PAGE_SIZE, historyOptions } from "./history-options";

export function useHistory(channelId: string) {
  const client = useTRPCClient();
  return useInfiniteQuery(historyOptions(channelId, (before) => client.message.list.query({ channelId, before, limit: PAGE_SIZE })));
}
