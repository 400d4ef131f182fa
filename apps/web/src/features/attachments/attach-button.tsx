"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";

import { CirclePlus } from "~/components/icons";
import { IconButton } from "~/components/ui/button";

/** The composer's button that opens the file picker (several files at once). */
export function AttachButton({ onPick, disabled }: { onPick: (files: File[]) => void; disabled?: boolean }) {
  const t = useTranslations("attachments");
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <IconButton label={t("attach")} disabled={disabled} onClick={() => picker.current?.click()} className="mb-1.5 disabled:opacity-40">
        <CirclePlus className="size-5" aria-hidden />
      </IconButton>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        aria-label={t("attach")}
        onChange={(event) => {
          onPick([...(event.target.files ?? [])]);
          // The same file may be chosen again after its chip is removed.
          event.target.value = "";
        }}
      />
    </>
  );
}
