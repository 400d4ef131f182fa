import type { AppLocale } from "./locales";
import type messages from "../../messages/en.json";

// Typed keys: `t("a.missing.key")` fails the typecheck, so English can never miss a key the code uses.
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
