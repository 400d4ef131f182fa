import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";

import { isLocale, localeCookie, negotiateLocale } from "./locales";

/** Per request: the language the person chose (cookie), else the best match for their browser's. */
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(localeCookie)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale((await headers()).get("accept-language"));
  return { locale, messages: (await import(`../../messages/${locale}.json`)).default };
});
