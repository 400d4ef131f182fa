"use client";

import { useTranslations } from "next-intl";

import { Upload } from "~/components/icons";

/** Over the conversation while files are dragged onto it. */
export function DropZone({ place }: { place: string }) {
  const t = useTranslations("attachments");
  return (
    <div data-drop-zone className="pointer-events-none absolute inset-2 z-20 flex items-center justify-center rounded-xl border-2 border-dashed border-brand bg-chat/90">
      <p className="flex flex-col items-center gap-2 text-lg font-semibold text-strong">
        <Upload className="size-10 text-brand" aria-hidden />
        {t("drop", { place })}
      </p>
    </div>
  );
}
