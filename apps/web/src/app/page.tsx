import { redirect } from "next/navigation";

import { getViewer } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect((await getViewer()) ? "/channels" : "/login");
}
