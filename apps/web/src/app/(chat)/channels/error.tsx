"use client";

import { useTranslations } from "next-intl";

import { TriangleAlert } from "~/components/icons";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/notice";

export default function ChatError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("pages.chatError");
  return (
    <main className="flex flex-1 items-center justify-center bg-chat">
      <EmptyState icon={<TriangleAlert className="size-8" aria-hidden />} title={t("title")} action={<Button onClick={reset}>{t("retry")}</Button>}>
        {t("body")}
      </EmptyState>
    </main>
  );
}
