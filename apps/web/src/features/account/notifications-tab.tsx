"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { ErrorText } from "~/components/ui/notice";
import { Switch } from "~/components/ui/switch";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

type DeviceState = "unsupported" | "loading" | "off" | "on" | "blocked";

const supported = () => "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

/** The VAPID public key (base64url) as `PushManager.subscribe` takes it. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Web Push on this browser: on, it asks for the notification permission, subscribes with the
 * server's key and hands the subscription to the API; off, it unsubscribes both. The state is the
 * browser's own (its subscription and permission), not the account's: each device chooses.
 */
export function NotificationsTab() {
  const t = useTranslations("account.notifications");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<DeviceState>("loading");
  const subscribe = useMutation(trpc.push.subscribe.mutationOptions());
  const unsubscribe = useMutation(trpc.push.unsubscribe.mutationOptions());
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!supported()) return setState("unsupported");
    if (Notification.permission === "denied") return setState("blocked");
    void navigator.serviceWorker.ready
      .then((registration) => registration.pushManager.getSubscription())
      .then((subscription) => setState(subscription && Notification.permission === "granted" ? "on" : "off"));
  }, []);

  async function turn(on: boolean) {
    setError(null);
    setState("loading");
    try {
      const registration = await navigator.serviceWorker.ready;
      const current = await registration.pushManager.getSubscription();
      if (!on) {
        if (current) {
          await unsubscribe.mutateAsync({ endpoint: current.endpoint });
          await current.unsubscribe();
        }
        return setState("off");
      }
      if ((await Notification.requestPermission()) !== "granted") return setState(Notification.permission === "denied" ? "blocked" : "off");
      const { publicKey } = await queryClient.fetchQuery(trpc.push.publicKey.queryOptions());
      const subscription = current ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const json = subscription.toJSON();
      await subscribe.mutateAsync({ endpoint: subscription.endpoint, keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" } });
      setState("on");
    } catch (failure) {
      setError(failure);
      setState("off");
    }
  }

  const reason =
    state === "unsupported"
      ? t("unsupported")
      : state === "blocked"
        ? t("blocked")
        : null;
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-xs font-bold tracking-wide text-muted uppercase">{t("heading")}</h3>
      <Switch
        label={t("label")}
        description={t("description")}
        checked={state === "on"}
        disabled={state !== "on" && state !== "off"}
        reason={reason}
        onChange={(on) => void turn(on)}
      />
      {reason && <p className="text-sm text-muted">{t("reason", { reason })}</p>}
      <ErrorText>{error ? describeError(error) : null}</ErrorText>
    </section>
  );
}
