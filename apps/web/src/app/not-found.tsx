import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { CenteredCard } from "~/components/centered-card";

export default async function NotFound() {
  const t = await getTranslations("pages.notFound");
  return (
    <CenteredCard>
      <div className="flex flex-col items-center gap-3 text-center">
        <h1 className="text-2xl font-semibold text-strong">{t("title")}</h1>
        <p className="text-muted">{t("body")}</p>
        <Link href="/channels" className="text-[#00a8fc] hover:underline">
          {t("link")}
        </Link>
      </div>
    </CenteredCard>
  );
}
