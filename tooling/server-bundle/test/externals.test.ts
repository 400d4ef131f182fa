import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { bundleServer } from "../bundle.js";

/**
 * A server bundle imports the packages its workspace packages use, from the app's node_modules,
 * where pnpm links only what the app declares: each app declares every package its bundle imports,
 * at the range the workspace packages that import it ask for.
 */
const root = path.resolve(import.meta.dirname, "../../..");

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

const readManifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;

/** The apps whose build bundles a server entry, with that entry. */
const bundledApps = readdirSync(path.join(root, "apps")).flatMap((name) => {
  const dir = path.join(root, "apps", name);
  const entry = /\bbundle-server (\S+)/.exec(readManifest(dir).scripts?.build ?? "")?.[1];
  return entry ? [{ dir, entry }] : [];
});

/** The folder of the package a file belongs to. */
function packageDir(file: string): string {
  let dir = path.dirname(file);
  while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}

const packageName = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
const builtins = new Set(builtinModules);
const isBuiltin = (specifier: string) => specifier.startsWith("node:") || builtins.has(packageName(specifier));

it("finds both servers", () => {
  expect(bundledApps.map(({ dir, entry }) => path.join(path.relative(root, dir), entry)).sort()).toEqual([
    "apps/realtime/src/main.ts",
    "apps/web/server.ts",
  ]);
});

/** Bundles an app's server: the packages the bundle imports, and the ranges its sources' packages declare for them. */
async function bundledImports(dir: string, entry: string) {
  const { metafile } = await bundleServer({ appDir: dir, entry, write: false });
  const imported = Object.values(metafile.outputs).flatMap((output) => output.imports.map((item) => item.path));
  // The inputs also list imports that compile away (types only): they tell the ranges, not the need.
  const ranges = new Map<string, Set<string>>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const importer = readManifest(packageDir(path.resolve(dir, input)));
    for (const name of imports.filter((item) => item.external).map((item) => packageName(item.path))) {
      const range = importer.dependencies?.[name];
      if (range) ranges.set(name, (ranges.get(name) ?? new Set()).add(range));
    }
  }
  return { imported, ranges };
}

describe.each(bundledApps)("$entry of $dir", ({ dir, entry }) => {
  it("imports only packages the app declares, at the ranges of the workspace packages that use them", async () => {
    const { imported, ranges } = await bundledImports(dir, entry);
    const needed = [...new Set(imported.filter((specifier) => !isBuiltin(specifier)).map(packageName))].sort();
    expect(needed).toContain("drizzle-orm");
    const declared = readManifest(dir).dependencies ?? {};
    expect(Object.fromEntries(needed.map((name) => [name, [declared[name] ?? "undeclared by the app"]]))).toEqual(
      Object.fromEntries(needed.map((name) => [name, [...(ranges.get(name) ?? ["undeclared by every package that imports it"])]])),
    );
  });

  it("bundles the workspace packages", async () => {
    const { imported } = await bundledImports(dir, entry);
    expect(imported.filter((specifier) => specifier.startsWith("@chat/"))).toEqual([]);
  });
});
