import type { ReactNode } from "react";

import { cn } from "~/lib/cn";

/** A centred message for an empty or failed view: what happened and what to do next. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  className,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col items-center justify-center gap-3 p-8 text-center", className)}>
      {icon && <div className="flex size-16 items-center justify-center rounded-full bg-panel text-muted">{icon}</div>}
      <h2 className="text-lg font-semibold text-strong">{title}</h2>
      {children && <div className="max-w-sm text-sm text-muted">{children}</div>}
      {action}
    </div>
  );
}

export function ErrorText({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="text-sm text-[#fa777c]">
      {children}
    </p>
  );
}
