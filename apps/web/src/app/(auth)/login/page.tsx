import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { AuthForm } from "~/features/auth/auth-form";
import type { PageProps } from "~/lib/route-props";
import { safeNext } from "~/lib/safe-next";
import { getViewer } from "~/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.metadata");
  return { title: t("login") };
}

export default async function LoginPage({ searchParams }: PageProps) {
  const next = safeNext((await searchParams).next);
  if (await getViewer()) redirect(next);
  return <AuthForm mode="login" next={next} />;
}
