import { OfflineHistory } from "~/features/offline/offline-history";

export const metadata = { title: "Offline" };

/** What the service worker (public/sw.js) shows for a page that cannot load without the network. */
export default function OfflinePage() {
  return <OfflineHistory />;
}
