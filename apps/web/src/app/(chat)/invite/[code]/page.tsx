import { CenteredCard } from "~/components/centered-card";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AcceptInvite } from "~/features/servers/accept-invite";
import type { PageProps } from "~/lib/route-props";
import { TRPCReactProvider } from "~/trpc/react";
import { requireViewer } from "~/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.metadata");
  return { title: t("invite") };
}

/** An invite link: joining is a deliberate click, never a side effect of opening the page. */
export default async function InvitePage({ params }: PageProps<{ code: string }>) {
  const viewer = await requireViewer();
  const { code } = await params;
  return (
    <TRPCReactProvider viewerId={viewer.id}>
      <CenteredCard>
        <AcceptInvite code={decodeURIComponent(code)} username={viewer.username} />
      </CenteredCard>
    </TRPCReactProvider>
  );
}
