import "@fontsource-variable/inter";
import "./globals.css";

import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import type { ReactNode } from "react";

import { HydrationMark } from "~/components/hydration-mark";
import { ServiceWorker } from "~/components/service-worker";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.metadata");
  return { title: { default: "Chat RTC", template: "%s · Chat RTC" }, description: t("description") };
}

// On a phone the keyboard resizes the page (h-dvh follows it), so the composer stays above it.
export const viewport: Viewport = { themeColor: "#1e1f22", colorScheme: "dark", interactiveWidget: "resizes-content" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that response's CSP nonce (server.ts), which
  // a page prerendered at build time could not.
  await connection();
  return (
    <html lang={await getLocale()} className="dark">
      <body className="font-sans">
        <HydrationMark />
        <ServiceWorker />
        {/* Hands the request's language and catalogue to every client component. */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
