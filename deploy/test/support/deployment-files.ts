/**
 * Readers for the deployment files, just deep enough for the checks in compose.test.ts:
 * the compose file (YAML with anchors and merge keys), the Dockerfile's stages, and the
 * Caddyfile's blocks.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { parse } from "yaml";

export const root = path.resolve(import.meta.dirname, "../../..");
export const read = (file: string) => readFileSync(path.join(root, file), "utf8");

export interface ComposeService {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  working_dir?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  expose?: string[];
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  init?: boolean;
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** The compose file as Compose sees it before interpolation: anchors and `<<` merges resolved. */
export function loadCompose(): { raw: string; document: ComposeFile } {
  const raw = read("docker-compose.yml");
  return { raw, document: parse(raw, { merge: true }) as ComposeFile };
}

export interface DockerStage {
  name: string;
  workdir: string;
  user?: string;
  cmd?: string[];
  healthcheck?: string;
  expose: string[];
  env: Record<string, string>;
  run: string[];
  copy: string[];
}

/** The Dockerfile's stages in order, with the instructions the checks look at. */
export function parseDockerfile(text = read("Dockerfile")): DockerStage[] {
  const stages: DockerStage[] = [];
  const instructions = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  for (const line of instructions) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    const stage = stages.at(-1);
    switch (keyword.toUpperCase()) {
      case "FROM": {
        const name = /\bAS\s+(\S+)$/i.exec(args)?.[1] ?? String(stages.length);
        stages.push({ name, workdir: "/", expose: [], env: {}, run: [], copy: [] });
        break;
      }
      case "WORKDIR":
        if (stage) stage.workdir = path.posix.resolve(stage.workdir, args);
        break;
      case "USER":
        if (stage) stage.user = args;
        break;
      case "CMD":
        if (stage) stage.cmd = JSON.parse(args) as string[];
        break;
      case "HEALTHCHECK":
        if (stage) stage.healthcheck = args;
        break;
      case "EXPOSE":
        stage?.expose.push(...rest);
        break;
      case "ENV":
        for (const pair of rest) {
          const [key = "", value = ""] = pair.split("=");
          if (stage) stage.env[key] = value;
        }
        break;
      case "RUN":
        stage?.run.push(args);
        break;
      case "COPY":
        stage?.copy.push(args);
        break;
    }
  }
  return stages;
}

export interface CaddyBlock {
  words: string[];
  children: CaddyBlock[];
}

/** The Caddyfile as a tree: each line's words, and the lines inside its braces. */
export function parseCaddyfile(text = read("deploy/Caddyfile")): CaddyBlock[] {
  const top: CaddyBlock = { words: [], children: [] };
  const open: CaddyBlock[] = [top];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    if (line === "}") {
      open.pop();
      continue;
    }
    const words = line.replace(/\{$/, "").trim().split(/\s+/).filter(Boolean);
    const block: CaddyBlock = { words, children: [] };
    open.at(-1)?.children.push(block);
    if (line.endsWith("{")) open.push(block);
  }
  return top.children;
}

/** Every block in the tree, depth first. */
export function allBlocks(blocks: CaddyBlock[]): CaddyBlock[] {
  return blocks.flatMap((block) => [block, ...allBlocks(block.children)]);
}
