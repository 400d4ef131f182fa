import { render, type RenderOptions } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement, ReactNode } from "react";

import en from "../../../messages/en.json";
import fr from "../../../messages/fr.json";

const catalogues = { en, fr };

/** Renders a component as the app does: inside the language provider, English unless told. */
export function renderIntl(ui: ReactElement, { locale = "en", ...options }: RenderOptions & { locale?: keyof typeof catalogues } = {}) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <NextIntlClientProvider locale={locale} messages={catalogues[locale]} timeZone="UTC">
      {children}
    </NextIntlClientProvider>
  );
  return render(ui, { wrapper, ...options });
}
