import { TRPCClientError } from "@trpc/client";
import { createTranslator } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";

import { describeError } from "~/lib/api-error";

import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

const english = createTranslator({ locale: "en", messages: en, namespace: "errors" });
const french = createTranslator({ locale: "fr", messages: fr, namespace: "errors" });

afterEach(() => vi.unstubAllGlobals());

describe("an error as a person reads it", () => {
  it("keeps the API's own words for a refusal, in any language", () => {
    const refusal = Object.assign(new TRPCClientError("Only members below your highest role"), { data: { httpStatus: 403 } });
    expect(describeError(refusal, english)).toBe("Only members below your highest role");
    expect(describeError(refusal, french)).toBe("Only members below your highest role");
  });

  it("words a fault or a lost network in the reader's language", () => {
    expect(describeError(new Error("boom"), english)).toBe("Something went wrong on our side. Try again in a moment.");
    expect(describeError(new Error("boom"), french)).toBe("Une erreur est survenue de notre côté. Réessayez dans un instant.");
    vi.stubGlobal("navigator", { onLine: false });
    expect(describeError(new Error("boom"), english)).toBe("You are offline. Check your connection and try again.");
    expect(describeError(new Error("boom"), french)).toBe("Vous êtes hors ligne. Vérifiez votre connexion et réessayez.");
  });
});
