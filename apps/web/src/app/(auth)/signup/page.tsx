import { redirect } from "next/navigation";

import { AuthForm } from "~/features/auth/auth-form";
import type { PageProps } from "~/lib/route-props";
import { safeNext } from "~/lib/safe-next";
import { getViewer } from "~/trpc/server";

export const metadata = { title: "Sign up" };

export default async function SignupPage({ searchParams }: PageProps) {
  const next = safeNext((await searchParams).next);
  if (await getViewer()) redirect(next);
  return <AuthForm mode="signup" next={next} />;
}
