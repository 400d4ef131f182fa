import { builtinModules } from "node:module";

/**
 * The package rules, as lint rules: each package's eslint.config.js adds `forbidImports(...)` with
 * the lists below, so that a wrong import fails `pnpm lint` instead of waiting for a reviewer.
 */

/** The apps: nothing under packages/ depends on what runs it. */
export const apps = ["@chat/web", "@chat/realtime-server"];

/** The process shell and the transports: the router is handed a context, it does not run a server. */
export const transports = ["@chat/server-kit", "ws", "next"];

/** Node's built-in modules, which no browser has. */
const nodeBuiltins = ["node:", ...builtinModules.filter((name) => !name.startsWith("_"))];

/** What runs only on the server: the router, its database, secrets and settings, its bus, tRPC's server half. */
export const serverSide = ["@chat/api", "@chat/auth", "@chat/db", "@chat/env", "@chat/realtime", "@chat/server-kit", "@chat/storage", "@chat/media", "@trpc/server", ...nodeBuiltins];

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A package name, or any of its subpaths ("next" and "next/navigation", not "nextjs"); "node:" is a prefix. */
function matching(names) {
  const prefixes = names.filter((name) => name.endsWith(":")).map(escape);
  const packages = names.filter((name) => !name.endsWith(":")).map(escape);
  const alternatives = [...prefixes.map((prefix) => `${prefix}.*`), ...packages.map((name) => `${name}(?:/.*)?`)];
  return `^(?:${alternatives.join("|")})$`;
}

/**
 * A config that fails `files` importing any of `names` (or their subpaths), saying `because`.
 * `typesAllowedFrom` are let through for `import type` only: types are erased, nothing is bundled.
 */
export function forbidImports({ files, ignores, names, typesAllowedFrom = [], because }) {
  const typesOnly = names.filter((name) => typesAllowedFrom.includes(name));
  const never = names.filter((name) => !typesAllowedFrom.includes(name));
  const patterns = [
    never.length > 0 && { regex: matching(never), message: because },
    typesOnly.length > 0 && { regex: matching(typesOnly), allowTypeImports: true, message: `${because} (\`import type\` is fine)` },
  ].filter(Boolean);
  return {
    files,
    ...(ignores ? { ignores } : {}),
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
  };
}
