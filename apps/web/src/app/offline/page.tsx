import { OfflineHistory } from "~/features/offline/offline-history";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.metadata");
  return { title: t("offline") };
}

/** What the service worker (public/sw.js) shows for a page that cannot load without the network. */
export default function OfflinePage() {
  return <OfflineHistory />;
}
