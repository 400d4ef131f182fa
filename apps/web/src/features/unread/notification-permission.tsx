"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { BellRing } from "~/components/icons";
import { IconButton } from "~/components/ui/button";

/** Asks once for browser notifications (mentions and replies while the tab is hidden); gone once answered. */
export function NotificationPermission() {
  const t = useTranslations("unread");
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("unsupported");
  useEffect(() => setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission), []);
  if (permission !== "default") return null;
  return (
    <IconButton
      label={t("enableNotifications")}
      onClick={() => void Notification.requestPermission().then(setPermission)}
    >
      <BellRing className="size-5" aria-hidden />
    </IconButton>
  );
}
