"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";

import { Button } from "~/components/ui/button";

/** A message from someone the viewer blocked: collapsed to one line until they choose to see it. */
export function BlockedMessage({ children }: { children: ReactNode }) {
  const t = useTranslations("people.blocked");
  const [shown, setShown] = useState(false);
  if (shown) return children;
  return (
    <div role="article" aria-label={t("label")} data-blocked-message className="flex items-center gap-2 px-4 py-1 pl-[72px] text-sm text-muted">
      {t("text")}
      <Button variant="link" size="sm" onClick={() => setShown(true)}>
        {t("show")}
      </Button>
    </div>
  );
}
