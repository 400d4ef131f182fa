#!/usr/bin/env node
/**
 * `bundle-server <entry.ts>`: compiles the server entry of the app in the current folder to
 * dist/<name>.js (see bundle.js). The app's `build` script runs it.
 */
import process from "node:process";

import { bundleServer } from "./bundle.js";

const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: bundle-server <entry.ts>\n");
  process.exit(2);
}
const { outfile } = await bundleServer({ appDir: process.cwd(), entry });
process.stdout.write(`bundle-server: ${entry} → ${outfile}\n`);
