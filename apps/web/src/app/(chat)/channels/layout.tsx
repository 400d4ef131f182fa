import type { ReactNode } from "react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { AppFrame } from "~/features/shell/app-frame";
import { ShellProvider } from "~/features/shell/shell-state";
import { TRPCReactProvider } from "~/trpc/react";
import { HydrateClient, getQueryClient, requireViewer, trpc } from "~/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.metadata");
  return { title: t("chat") };
}

/** Every chat page: the signed-in user and their servers come with the first HTML. */
export default async function ChannelsLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.auth.me.queryKey(), viewer);
  await queryClient.prefetchQuery(trpc.server.list.queryOptions());
  return (
    <TRPCReactProvider live viewerId={viewer.id}>
      <HydrateClient>
        <ShellProvider>
          <AppFrame>{children}</AppFrame>
        </ShellProvider>
      </HydrateClient>
    </TRPCReactProvider>
  );
}
