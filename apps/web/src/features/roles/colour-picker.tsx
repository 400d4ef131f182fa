"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { Check, Slash } from "~/components/icons";
import { cn } from "~/lib/cn";

import { hexColour, parseHexColour } from "./role-colour";

/** Discord's role palette: a bright row and a dark one. */
const palette = [
  0x1abc9c, 0x2ecc71, 0x3498db, 0x9b59b6, 0xe91e63, 0xf1c40f, 0xe67e22, 0xe74c3c, 0x95a5a6,
  0x11806a, 0x1f8b4c, 0x206694, 0x71368a, 0xad1457, 0xc27c0e, 0xa84300, 0x992d22, 0x979c9f,
];

/** A role's colour: none, one of the palette, or any `#rrggbb` typed in. */
export function ColourPicker({ value, onChange, disabled }: { value: number | null; onChange: (colour: number | null) => void; disabled?: boolean }) {
  const t = useTranslations("roles.colourPicker");
  const [text, setText] = useState(value === null ? "" : hexColour(value));
  // Follows changes from elsewhere (a swatch, a reset), not the half-typed text.
  useEffect(() => setText(value === null ? "" : hexColour(value)), [value]);
  const swatch = (colour: number | null, label: string) => {
    const chosen = colour === value;
    return (
      <button
        key={label}
        type="button"
        aria-label={label}
        aria-pressed={chosen}
        title={label}
        disabled={disabled}
        onClick={() => onChange(colour)}
        className={cn(
          "flex size-7 items-center justify-center rounded-md ring-offset-2 ring-offset-chat transition-transform hover:scale-110 disabled:cursor-not-allowed disabled:hover:scale-100",
          chosen && "ring-2 ring-strong",
        )}
        style={{ background: colour === null ? "var(--color-field)" : hexColour(colour) }}
      >
        {colour === null ? <Slash className="size-4 text-muted" aria-hidden /> : chosen && <Check className="size-4 text-white drop-shadow" aria-hidden />}
      </button>
    );
  };
  return (
    <fieldset className="flex flex-col gap-2" disabled={disabled}>
      <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">{t("legend")}</legend>
      <p className="-mt-1 text-sm text-muted">{t("hint")}</p>
      <div className="flex items-start gap-3">
        <div className="flex flex-col items-center gap-1">
          <span className="size-12 rounded-md border border-line" style={{ background: value === null ? "var(--color-muted)" : hexColour(value) }} aria-hidden />
          <input
            aria-label={t("hex")}
            value={text}
            placeholder={t("hexPlaceholder")}
            maxLength={7}
            onChange={(event) => {
              setText(event.target.value);
              const colour = parseHexColour(event.target.value);
              if (colour !== null) onChange(colour);
            }}
            className="w-20 rounded-md bg-rail px-1.5 py-1 text-center font-mono text-xs text-strong outline-none ring-brand placeholder:text-faint focus-visible:ring-2"
          />
        </div>
        <div className="grid grid-cols-10 gap-1.5">
          {swatch(null, t("none"))}
          {palette.slice(0, 9).map((colour) => swatch(colour, hexColour(colour)))}
          <span aria-hidden />
          {palette.slice(9).map((colour) => swatch(colour, hexColour(colour)))}
        </div>
      </div>
    </fieldset>
  );
}
