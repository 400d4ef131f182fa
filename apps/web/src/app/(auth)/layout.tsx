import type { ReactNode } from "react";

import { CenteredCard } from "~/components/centered-card";
import { TRPCReactProvider } from "~/trpc/react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <TRPCReactProvider>
      <CenteredCard>{children}</CenteredCard>
    </TRPCReactProvider>
  );
}
