import { readFile } from "node:fs/promises";
import path from "node:path";

import { build } from "esbuild";

/**
 * Compiles an app's server entry point (TypeScript, with the workspace packages it imports, which
 * ship as source) to one ES module, dist/<entry's name>.js, that node runs without a loader. What
 * lives in node_modules stays an import, resolved at run time from the app's folder: the app
 * declares each such package itself (test/externals.test.ts keeps that true).
 *
 * @param {{ appDir: string, entry: string, write?: boolean }} options
 */
export async function bundleServer({ appDir, entry, write = true }) {
  const outfile = path.join(appDir, "dist", `${path.basename(entry, path.extname(entry))}.js`);
  const result = await build({
    absWorkingDir: appDir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    metafile: true,
    write,
    logLevel: "warning",
    plugins: [installedPackagesExternal, sourceLocations(path.dirname(outfile))],
  });
  return { outfile, metafile: result.metafile };
}

const inNodeModules = (file = "") => file.split(path.sep).includes("node_modules");

/**
 * Installed packages stay imports. Workspace packages resolve through their symlinks to their
 * source folders, outside node_modules, and are bundled; so are the app's own path aliases.
 *
 * @type {import("esbuild").Plugin}
 */
const installedPackagesExternal = {
  name: "installed-packages-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === "resolving") return undefined;
      const { kind, importer, resolveDir } = args;
      const resolved = await build.resolve(args.path, { kind, importer, resolveDir, pluginData: "resolving" });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return resolved.external || inNodeModules(resolved.path) ? { path: args.path, external: true } : resolved;
    });
  },
};

/**
 * Bundled modules keep their place: `import.meta.url` in a workspace source file still names that
 * file, so what it reads beside itself (db's migrations, the web app's folder for Next.js) is found
 * from dist/, in the checkout or image the bundle was built in. The other `import.meta` paths would
 * silently name dist/ instead, so they stop the build.
 *
 * @param {string} outdir
 * @returns {import("esbuild").Plugin}
 */
function sourceLocations(outdir) {
  return {
    name: "source-locations",
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (inNodeModules(args.path)) return undefined;
        const source = await readFile(args.path, "utf8");
        if (!source.includes("import.meta.")) return undefined;
        const unsupported = /import\.meta\.(dirname|filename|resolve)\b/.exec(source);
        if (unsupported) return { errors: [{ text: `${unsupported[0]} in bundled code: write new URL(…, import.meta.url)` }] };
        const here = JSON.stringify(path.relative(outdir, args.path).split(path.sep).join("/"));
        return {
          contents: source.replaceAll("import.meta.url", `new URL(${here}, import.meta.url).href`),
          loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
        };
      });
    },
  };
}
