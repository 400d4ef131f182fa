import { useTranslations } from "next-intl";

import { cn } from "~/lib/cn";

/** An on/off switch (a button with `role="switch"`); labelled by `label`, described by `description`. */
export function Switch({
  checked,
  onChange,
  label,
  description,
  disabled,
  reason,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  description?: string;
  disabled?: boolean;
  /** Why it is disabled, shown as its title and read with its description. */
  reason?: string | null;
}) {
  const t = useTranslations("ui.switch");
  return (
    <div className={cn("flex items-start gap-4 py-3", disabled && "opacity-55")} title={disabled ? (reason ?? undefined) : undefined}>
      <div className="min-w-0 flex-1">
        <p className="text-[15px] font-medium text-strong">{label}</p>
        {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
        {disabled && reason && <p className="sr-only">{t("disabled", { reason })}</p>}
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className={cn(
          "relative mt-0.5 inline-flex h-6 w-10 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed",
          checked ? "bg-online" : "bg-[#80848e]",
        )}
      >
        <span className={cn("inline-block size-[18px] rounded-full bg-white shadow transition-transform", checked ? "translate-x-[19px]" : "translate-x-[3px]")} />
      </button>
    </div>
  );
}
