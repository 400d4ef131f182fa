import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { ServerOff } from "~/components/icons";
import { EmptyState } from "~/components/ui/notice";

export default async function ServerNotFound() {
  const t = await getTranslations("pages.chatNotFound");
  return (
    <main className="flex flex-1 items-center justify-center bg-chat">
      <EmptyState
        icon={<ServerOff className="size-8" aria-hidden />}
        title={t("title")}
        action={
          <Link href="/channels" className="text-[#00a8fc] hover:underline">
            {t("link")}
          </Link>
        }
      >
        {t("body")}
      </EmptyState>
    </main>
  );
}
