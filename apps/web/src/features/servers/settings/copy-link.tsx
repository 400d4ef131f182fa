"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { Check, Copy } from "~/components/icons";
import { Button } from "~/components/ui/button";
import { inputClass } from "~/components/ui/field";

/** An invite link, labelled, to read, select and copy. */
export function CopyLink({ link }: { link: string }) {
  const t = useTranslations("servers.settings.copyLink");
  const [copied, setCopied] = useState(false);

  async function copy() {
    await navigator.clipboard.writeText(link);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }

  return (
    <>
      <label htmlFor="invite-link" className="text-xs font-bold tracking-wide text-muted uppercase">
        {t("label")}
      </label>
      <div className="flex gap-2">
        <input id="invite-link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} className={inputClass} />
        <Button onClick={copy} className="w-28 shrink-0">
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? t("copied") : t("copy")}
        </Button>
      </div>
    </>
  );
}
