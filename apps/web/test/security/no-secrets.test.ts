/** No secret in the repository: every tracked file is searched for private keys and well-known token shapes. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../../..");

/** Shapes of real credentials; test fixtures use obviously fake values that match none. */
const secretShapes: Record<string, RegExp> = {
  "private key": /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/,
  "AWS access key": /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  "GitHub token": /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/,
  "npm token": /\bnpm_[A-Za-z0-9]{36}\b/,
  "Slack token": /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  "Stripe live key": /\b[sr]k_live_[A-Za-z0-9]{20,}/,
  "Google API key": /\bAIza[0-9A-Za-z_-]{35}\b/,
  "signed JWT": /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/,
  "URL with a password": /\b[a-z+]+:\/\/[^\s:/@"'`]+:(?!\$\{)[^\s@/"'`]{6,}@(?!host\b|localhost\b|127\.0\.0\.1\b)/,
};

function findSecrets(text: string): string[] {
  return Object.entries(secretShapes)
    .filter(([, shape]) => shape.test(text))
    .map(([name]) => name);
}

describe("no secrets in the repository", () => {
  it("finds each shape in a planted sample (the scanner works)", () => {
    const planted = ["-----BEGIN RSA PRIV", "ATE KEY-----", " AKIA", "ABCDEFGHIJKLMNOP ", "ghp_", "a".repeat(36)].join("");
    expect(findSecrets(planted)).toEqual(["private key", "AWS access key", "GitHub token"]);
  });

  it("finds none in any tracked file, and no .env file is tracked", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
    const findings: string[] = [];
    for (const file of files) {
      if (file === "pnpm-lock.yaml" || /\.(png|jpe?g|gif|ico|woff2?|wasm)$/.test(file)) continue;
      if (/(^|\/)\.env(\.|$)/.test(file) && !file.endsWith(".env.example")) findings.push(`${file}: an env file`);
      let text: string;
      try {
        text = readFileSync(path.join(root, file), "utf8");
      } catch {
        continue; // deleted in the work tree
      }
      for (const name of findSecrets(text)) findings.push(`${file}: ${name}`);
    }
    console.log(`secret scan: ${files.length} tracked files searched, ${findings.length} findings`);
    expect(findings).toEqual([]);
  });
});
