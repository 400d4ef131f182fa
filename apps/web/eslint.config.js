import base from "@chat/eslint-config";
import { forbidImports, serverSide } from "@chat/eslint-config/boundaries";

/** The web app's server side: the HTTP handlers, server-side tRPC callers, route handlers and Server Actions. */
const serverFiles = [
  "src/server/**",
  "src/trpc/server.tsx",
  "src/trpc/action-caller.ts",
  "src/app/**/route.ts",
  "src/**/actions.ts",
  "src/lib/form-failure.ts",
];

export default [
  ...base,
  forbidImports({
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: serverFiles,
    names: serverSide,
    typesAllowedFrom: ["@chat/api"],
    because: "Client code reaches the browser: no server package (server-side code lives in src/server, src/trpc/server.tsx, action-caller.ts, route.ts and actions.ts)",
  }),
  {
    // The service worker is served as written: plain JavaScript in the worker's global scope.
    files: ["public/sw.js"],
    languageOptions: {
      sourceType: "script",
      globals: Object.fromEntries(["self", "caches", "fetch", "URL", "Response", "console"].map((name) => [name, "readonly"])),
    },
  },
];
