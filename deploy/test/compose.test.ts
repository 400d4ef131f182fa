/**
 * No Docker engine runs here, so the deployment files are checked as files: the compose file
 * against the Compose Specification's JSON schema, and all of them against the code they start.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

import { envKeys, parseEnv } from "@chat/env";
import { Ajv } from "ajv";
import draft07 from "ajv/dist/refs/json-schema-draft-07.json" with { type: "json" };
import { describe, expect, it } from "vitest";

import { allBlocks, loadCompose, parseCaddyfile, parseDockerfile, read, root } from "./support/deployment-files";

const { raw, document: compose } = loadCompose();
const services = compose.services;
const stages = parseDockerfile();
const defaults = parseEnv({});
const rootPackage = JSON.parse(read("package.json")) as { packageManager: string; scripts: Record<string, string>; devDependencies: Record<string, string> };

/** Services that run our images: built from the Dockerfile. */
const appServices = Object.entries(services).filter(([, service]) => service.build?.context === ".");
const instances = (target: string) => appServices.filter(([name, service]) => service.build?.target === target && name !== "migrate");

/** A workspace package (apps/*, packages/*) by name, with its folder and scripts. */
function workspacePackage(name: string): { dir: string; scripts: Record<string, string> } {
  for (const group of ["apps", "packages"]) {
    for (const entry of readdirSync(path.join(root, group))) {
      const dir = `${group}/${entry}`;
      if (!existsSync(path.join(root, dir, "package.json"))) continue;
      const manifest = JSON.parse(read(`${dir}/package.json`)) as { name: string; scripts?: Record<string, string> };
      if (manifest.name === name) return { dir, scripts: manifest.scripts ?? {} };
    }
  }
  throw new Error(`no workspace package named ${name}`);
}

describe("docker-compose.yml", () => {
  it("is valid against the Compose Specification", () => {
    const schema = JSON.parse(read("deploy/compose-spec.schema.json")) as { $schema: string };
    // The schema names draft-07 by its https address; ajv knows the same meta-schema by the http one.
    const ajv = new Ajv({ strict: false, allErrors: true }).addMetaSchema({ ...draft07, $id: schema.$schema });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("runs PostgreSQL with a volume and a health check, Redis, a migration job, two web and two realtime instances, and a proxy", () => {
    expect(services.postgres?.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/^postgres-data:\/var\/lib\/postgresql\/data$/)]));
    expect(compose.volumes).toHaveProperty("postgres-data");
    expect(services.postgres?.healthcheck?.test.join(" ")).toContain("pg_isready");
    expect(services.redis?.healthcheck?.test.join(" ")).toContain("redis-cli ping");
    expect(instances("web").map(([name]) => name)).toEqual(["web-1", "web-2"]);
    expect(instances("realtime").map(([name]) => name)).toEqual(["realtime-1", "realtime-2"]);
    expect(services.caddy?.volumes).toContain("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
  });

  it("keeps attachments in MinIO, with a volume, a health check and a bucket made once, that every instance uses", () => {
    expect(services.minio?.image).toMatch(/^minio\/minio(:|$)/);
    expect(services.minio?.volumes).toEqual(["minio-data:/data"]);
    expect(compose.volumes).toHaveProperty("minio-data");
    expect(services.minio?.healthcheck?.test).toEqual(["CMD", "mc", "ready", "local"]);
    const bucketJob = services["minio-bucket"];
    expect(bucketJob?.image).toMatch(/^minio\/mc(:|$)/);
    expect(bucketJob?.restart).toBe("no");
    const script = (bucketJob?.command ?? []).join(" ");
    expect(script).toContain('mc mb --ignore-existing "local/$$S3_BUCKET"');
    // The same bucket, account and password as the instances get.
    for (const key of ["MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"]) expect(bucketJob?.environment?.[key]).toBe(services.minio?.environment?.[key]);
    for (const [name, service] of [...instances("web"), ...instances("realtime"), ["migrate", services.migrate!] as const]) {
      const environment = service.environment ?? {};
      expect(environment.S3_BUCKET, name).toBe(bucketJob?.environment?.S3_BUCKET);
      expect(environment.S3_ENDPOINT, name).toBe("http://minio:9000");
      expect(environment.S3_ACCESS_KEY_ID, name).toBe(services.minio?.environment?.MINIO_ROOT_USER);
      expect(environment.S3_SECRET_ACCESS_KEY, name).toBe(services.minio?.environment?.MINIO_ROOT_PASSWORD);
      // Browsers reach the bucket through the proxy, on the site's origin.
      expect(environment.S3_PUBLIC_ENDPOINT, name).toBe(environment.PUBLIC_URL);
    }
    expect(raw).toMatch(/\$\{MINIO_ROOT_PASSWORD:\?/);
  });

  it("starts instances only after the database and Redis are healthy and the migrations have run", () => {
    for (const [name, service] of [...instances("web"), ...instances("realtime")]) {
      expect(service.depends_on, name).toEqual({
        postgres: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
        migrate: { condition: "service_completed_successfully" },
        "minio-bucket": { condition: "service_completed_successfully" },
      });
    }
    expect(services.migrate?.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    expect(services["minio-bucket"]?.depends_on).toEqual({ minio: { condition: "service_healthy" } });
    // The images' HEALTHCHECK is /api/ready: the proxy starts once every instance can serve.
    expect(Object.keys(services.caddy?.depends_on ?? {})).toEqual([...instances("web"), ...instances("realtime")].map(([name]) => name));
    expect(Object.values(services.caddy?.depends_on ?? {})).toEqual(Array(4).fill({ condition: "service_healthy" }));
  });

  it("sets only real settings on the app's containers, with values the app accepts", () => {
    for (const [name, service] of appServices) {
      for (const key of Object.keys(service.environment ?? {})) expect(envKeys, `${name}: ${key}`).toContain(key);
      // Interpolated as docker compose would with .env.example's values (plus a real secret).
      const values = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(value, { AUTH_SECRET: "k3T9vQx2LmN8pR4sW7yZ1aB6cD0eF5gH" })]),
      );
      expect(() => parseEnv(values), name).not.toThrow();
      expect(parseEnv(values).TRUSTED_PROXY_HOPS, `${name} sits behind Caddy`).toBe(1);
    }
  });

  it("takes every variable it interpolates from .env.example, and requires the secrets", () => {
    const example = read(".env.example");
    const variables = new Set([...raw.matchAll(/\$\{(\w+)/g)].map((match) => match[1]!));
    for (const variable of variables) expect(example, variable).toMatch(new RegExp(`^#? ?${variable}=`, "m"));
    expect(raw).toMatch(/\$\{AUTH_SECRET:\?/);
    expect(raw).toMatch(/\$\{POSTGRES_PASSWORD:\?/);
  });

  it("runs the migration job with a real script", () => {
    expect(services.migrate?.working_dir).toBe("/app");
    const [pnpm, script] = services.migrate?.command ?? [];
    expect(pnpm).toBe("pnpm");
    // pnpm db:migrate → pnpm --filter @chat/db migrate → tsx src/scripts/migrate.ts
    const [, filter, target] = /^pnpm --filter (\S+) (\S+)$/.exec(rootPackage.scripts[script!] ?? "") ?? [];
    const db = workspacePackage(filter!);
    const file = /^tsx (\S+)$/.exec(db.scripts[target!] ?? "")?.[1];
    expect(existsSync(path.join(root, db.dir, file!))).toBe(true);
  });

  it("gives instances longer to stop than they give themselves", () => {
    for (const [name, service] of [...instances("web"), ...instances("realtime")]) {
      const grace = Number(/^(\d+)s$/.exec(service.stop_grace_period ?? "")?.[1]) * 1000;
      expect(grace, name).toBeGreaterThan(Number(service.environment?.SHUTDOWN_TIMEOUT_MS));
      expect(service.init, `${name}: an init passes signals on and reaps children`).toBe(true);
    }
  });
});

describe("Dockerfile", () => {
  const stage = (name: string) => stages.find((candidate) => candidate.name === name)!;

  it("builds each runtime from a pruned workspace, with the repository's tool versions", () => {
    const prune = stage("prune").run.join(" ");
    for (const name of [...prune.matchAll(/turbo prune (\S+)/g)].map((match) => match[1]!)) workspacePackage(name);
    expect(prune).toContain("turbo prune @chat/web");
    expect(prune).toContain("turbo prune @chat/realtime-server");
    expect(read("Dockerfile")).toContain(`pnpm@${rootPackage.packageManager.split("@")[1]}`);
    expect(read("Dockerfile")).toContain(`turbo@${rootPackage.devDependencies.turbo?.replace(/^\^/, "")}`);
  });

  it.each([
    ["web", "@chat/web", "dist/server.js", "PORT", defaults.PORT],
    ["realtime", "@chat/realtime-server", "dist/main.js", "WS_PORT", defaults.WS_PORT],
  ] as const)("target %s runs node on the app's compiled server, as a non-root user, on the port it listens on", (target, packageName, entry, portKey, port) => {
    const app = workspacePackage(packageName);
    const runtime = stage(target);
    expect(runtime.user).toBe("node");
    expect(runtime.workdir).toBe(`/app/${app.dir}`);
    // node itself, not pnpm: pnpm does not pass SIGTERM on, and the graceful stop would never run.
    expect(runtime.cmd).toEqual(["node", entry]);
    // The file the app's `start` runs, compiled by its `build` (from a source that exists) in a stage of its own.
    expect(app.scripts.start).toMatch(new RegExp(`\\bnode ${entry}$`));
    const source = /\bbundle-server (\S+)/.exec(app.scripts.build ?? "")?.[1];
    expect(existsSync(path.join(root, app.dir, source!))).toBe(true);
    expect(stage(`${target}-build`).run).toContain(`pnpm --filter ${packageName} build`);
    expect(runtime.copy).toContain(`--from=${target}-build /app/${app.dir}/dist ${app.dir}/dist`);
    expect(runtime.env[portKey]).toBe(String(port));
    expect(runtime.expose).toEqual([String(port)]);
    expect(runtime.healthcheck).toContain(`http://127.0.0.1:\${process.env.${portKey}}/api/ready`);
    for (const [name] of instances(target)) expect(services[name]?.expose).toEqual([String(port)]);
  });
});

describe("Caddyfile", () => {
  const blocks = allBlocks(parseCaddyfile());
  const upstreams = (matcher: string[]) => {
    const handle = blocks.find((block) => block.words.join(" ") === ["handle", ...matcher].join(" "));
    const proxy = allBlocks(handle?.children ?? []).find((block) => block.words[0] === "reverse_proxy");
    return { upstreams: proxy?.words.slice(1) ?? [], settings: allBlocks(proxy?.children ?? []).map((block) => block.words) };
  };

  it("routes /api/ws to the realtime instances and everything else to the web instances", () => {
    expect(blocks.find((block) => block.words[0] === "@realtime")?.words).toEqual(["@realtime", "path", "/api/ws", "/api/ws/*"]);
    expect(upstreams(["@realtime"]).upstreams).toEqual(instances("realtime").map(([name]) => `${name}:${defaults.WS_PORT}`));
    expect(upstreams([]).upstreams).toEqual(instances("web").map(([name]) => `${name}:${defaults.PORT}`));
  });

  it("sends the attachments bucket's path to MinIO, with the bucket name the instances use", () => {
    const matcher = blocks.find((block) => block.words[0] === "@files")?.words;
    const defaultBucket = /^\$\{S3_BUCKET:-(.+)\}$/.exec(services.caddy?.environment?.S3_BUCKET ?? "")?.[1];
    expect(services.caddy?.environment?.S3_BUCKET).toBe(services["minio-bucket"]?.environment?.S3_BUCKET);
    expect(matcher).toEqual(["@files", "path", `/{$S3_BUCKET:${defaultBucket}}/*`]);
    expect(upstreams(["@files"]).upstreams).toEqual(["minio:9000"]);
  });

  it("balances without sticky sessions, and only onto instances that are ready", () => {
    for (const matcher of [["@realtime"], []]) {
      const { settings } = upstreams(matcher);
      const policy = settings.find((words) => words[0] === "lb_policy")?.[1];
      expect(["round_robin", "least_conn", "random"]).toContain(policy);
      expect(settings).toContainEqual(["health_uri", "/api/ready"]);
    }
  });
});

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}`, with .env.example's values. */
function interpolate(value: string, overrides: Record<string, string>): string {
  const example = Object.fromEntries(
    [...read(".env.example").matchAll(/^(\w+)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]),
  );
  const values: Record<string, string | undefined> = { ...example, ...overrides };
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, fallback?: string) => {
    const found = values[name];
    if (found !== undefined && found !== "") return found;
    if (kind === "?") throw new Error(`${name} is required: ${fallback}`);
    return fallback ?? "";
  });
}
