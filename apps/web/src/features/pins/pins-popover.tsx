"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Pin } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { cn } from "~/lib/cn";

// Loaded when first opened: the button is in the header, the pinned messages only once asked for.
const PinsPanel = dynamic(() => import("./pins-panel").then((module) => module.PinsPanel), { ssr: false });

/** The header's pin button and, while open, the channel's pinned messages under it. */
export function PinsPopover({ channelId, canUnpin }: { channelId: string; canUnpin: boolean }) {
  const t = useTranslations("pins.popover");
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <IconButton label={t("label")} aria-expanded={open} onClick={() => setOpen((now) => !now)} className={cn(open && "text-strong")}>
        <Pin className="size-5" aria-hidden />
      </IconButton>
      {open && <PinsPanel channelId={channelId} canUnpin={canUnpin} onClose={() => setOpen(false)} />}
    </div>
  );
}
