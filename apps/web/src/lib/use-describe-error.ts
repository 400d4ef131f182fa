"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

import { describeError } from "./api-error";

/**
 * `describeError` in the reader's language, for components. Apart from api-error.ts, which the server's query
 * client imports too and so stays free of React.
 */
export function useDescribeError(): (error: unknown) => string {
  const t = useTranslations("errors");
  return useCallback((error: unknown) => describeError(error, t), [t]);
}
