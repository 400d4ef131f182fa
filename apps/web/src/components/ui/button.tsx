import type { ButtonHTMLAttributes } from "react";

import { cn } from "~/lib/cn";

const variants = {
  primary: "bg-brand text-white hover:bg-brand-strong",
  secondary: "bg-field text-strong hover:bg-active",
  danger: "bg-danger text-white hover:bg-danger-strong",
  ghost: "text-text hover:bg-hover hover:text-strong",
  link: "text-[#00a8fc] underline-offset-2 hover:underline px-0! py-0!",
} as const;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof variants;
  size?: "sm" | "md";
  pending?: boolean;
}

/** A button's look, for the rare link that must look like one (a link that leaves the app). */
export function buttonClass(variant: keyof typeof variants = "primary", size: "sm" | "md" = "md"): string {
  return cn(
    "inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-60",
    size === "sm" ? "px-3 py-1.5 text-sm" : "px-4 py-2.5 text-sm",
    // A finger needs 44 px (WCAG 2.5.5); a mouse does not.
    variant !== "link" && "pointer-coarse:min-h-11",
    variants[variant],
  );
}

export function Button({ variant = "primary", size = "md", pending, disabled, className, children, ...props }: ButtonProps) {
  return (
    <button
      type="button"
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={cn(buttonClass(variant, size), className)}
      {...props}
    >
      {pending && <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
      {children}
    </button>
  );
}

/** A square button with only an icon: the label is required, for screen readers and the tooltip. */
export function IconButton({
  label,
  className,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { label: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={cn(
        "inline-flex size-8 shrink-0 items-center justify-center rounded-md text-muted transition-colors hover:bg-hover hover:text-strong pointer-coarse:size-11",
        className,
      )}
      {...props}
    >
      {children}
    </button>
  );
}
