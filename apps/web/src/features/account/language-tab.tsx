"use client";

import { useTranslations } from "next-intl";

import { type AppLocale, localeCookie, localeNames, locales, negotiateLocale } from "~/i18n/locales";

type Choice = AppLocale | "auto";

function chosenLocale(): Choice {
  const match = document.cookie.match(new RegExp(`(?:^|; )${localeCookie}=([^;]*)`));
  return (locales as readonly string[]).includes(match?.[1] ?? "") ? (match![1] as AppLocale) : "auto";
}

/**
 * The language of this browser's app: the browser's own languages by default, or one chosen here.
 * The choice is a cookie (a preference of the device, as the browser's language is) and the page
 * reloads so that everything, server-rendered parts included, speaks it.
 */
export function LanguageTab() {
  const t = useTranslations("account.language");
  // The dialog renders in the browser only (it loads when first opened), so the cookie and the
  // browser's languages are at hand; "automatic" names what the browser's languages give.
  const choice = chosenLocale();
  const automatic = negotiateLocale(navigator.languages.join(","));

  function choose(next: Choice) {
    document.cookie =
      next === "auto" ? `${localeCookie}=; path=/; max-age=0; samesite=lax` : `${localeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
    window.location.reload();
  }

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-xs font-bold tracking-wide text-muted uppercase">{t("legend")}</legend>
      {(["auto", ...locales] as const).map((option) => (
        <label key={option} className="flex cursor-pointer items-center gap-3 rounded-md px-2 py-2 hover:bg-hover">
          <input type="radio" name="language" value={option} checked={choice === option} onChange={() => choose(option)} className="accent-brand" />
          <span lang={option === "auto" ? undefined : option}>{option === "auto" ? t("automatic", { current: localeNames[automatic] }) : localeNames[option]}</span>
        </label>
      ))}
    </fieldset>
  );
}
