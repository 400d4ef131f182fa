import type { ReactNode } from "react";

import { CenteredCard } from "~/components/centered-card";

/** The sign-in pages: their forms post to Server Actions, so they need no API client in the browser. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return <CenteredCard>{children}</CenteredCard>;
}
