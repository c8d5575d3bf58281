import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { experimental_readRawConfig } from "wrangler";
import { deploy, environmentConfig, SIZE_LIMITS } from "./deploy.mjs";

/** A stand-in for wrangler and the build: answers the list commands from `existing`, records every command. */
function fakeRunner(existing: { databases: string[]; buckets: string[]; queues: string[] }) {
  const commands: string[] = [];
  const run = (args: string[]) => {
    const line = args.join(" ");
    commands.push(line);
    if (line.endsWith("d1 list --json"))
      return JSON.stringify(existing.databases.map((name, i) => ({ name, uuid: `uuid-${i}` })));
    if (line.includes("d1 create")) existing.databases.push(args[args.length - 1]!);
    if (line.endsWith("r2 bucket list"))
      return existing.buckets.map((b) => `name:           ${b}\ncreation_date:  2026-12-01T00:00:00.000Z\n`).join("\n");
    if (line.endsWith("queues list"))
      return ["┌──────┐", ...existing.queues.map((q) => `│ ${q} │ 0 │`), "└──────┘"].join("\n");
    return "";
  };
  return { run, commands };
}

const secretsFile = (values: Record<string, string>) => {
  const file = join(mkdtempSync(join(tmpdir(), "refrain-secrets-")), ".secrets.staging");
  writeFileSync(
    file,
    Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  return file;
};
const allSecrets = {
  AUTH_JWT_SECRET: "a".repeat(40),
  MEDIA_SIGNING_SECRET: "m".repeat(40),
  ENGINE_TOKEN: "t",
  MODAL_KEY: "wk-1",
  MODAL_SECRET: "ws-1",
};

describe("npm run deploy", () => {
  it("creates what a new account lacks, then deploys; run again, it creates nothing", async () => {
    const existing = { databases: [] as string[], buckets: [] as string[], queues: [] as string[] };
    const first = fakeRunner(existing);
    const { done } = await deploy({
      name: "staging",
      secretsFile: secretsFile(allSecrets),
      run: first.run,
      log: () => {},
    });
    expect(done).toContain("created D1 database refrain-staging");
    expect(done).toContain("created R2 bucket refrain-audio-staging");
    const queues = ["lyrics", "music", "postprocess", "delivery", "account", "dead-letter"].map(
      (q) => `refrain-staging-${q}`,
    );
    expect(done.filter((d: string) => d.startsWith("created queue")).sort()).toEqual(
      queues.map((q) => `created queue ${q}`).sort(),
    );
    const order = [
      "d1 create",
      "d1 migrations apply DB --remote",
      "secret bulk",
      "react-router build",
      "wrangler deploy -c",
    ].map((c) => first.commands.findIndex((line) => line.includes(c)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    existing.buckets.push("refrain-audio-staging");
    existing.queues.push(...queues);

    const again = fakeRunner(existing);
    const second = await deploy({
      name: "staging",
      secretsFile: secretsFile(allSecrets),
      run: again.run,
      log: () => {},
    });
    expect(second.done.filter((d: string) => d.startsWith("created"))).toEqual([]);
    expect(second.config.d1_databases[0].database_id).toBe("uuid-0");
    expect(again.commands.some((c) => c.includes("wrangler deploy -c"))).toBe(true);
  });

  it("refuses to deploy without the secrets the enabled engines need, naming them, before touching anything", async () => {
    const fake = fakeRunner({ databases: [], buckets: [], queues: [] });
    const { ENGINE_TOKEN: _, MODAL_SECRET: __, ...partial } = allSecrets;
    await expect(
      deploy({ name: "staging", secretsFile: secretsFile(partial), run: fake.run, log: () => {} }),
    ).rejects.toThrow(/Missing secrets for staging: ENGINE_TOKEN, MODAL_SECRET/);
    expect(fake.commands).toEqual([]);
  });

  it("gives each environment its own resources, every top-level var, and only the secrets its engines need", () => {
    const raw = experimental_readRawConfig({ config: new URL("../wrangler.toml", import.meta.url).pathname })
      .rawConfig as any;
    const [staging, production] = ["staging", "production"].map((name) => environmentConfig(name));
    for (const [name, config] of [
      ["staging", staging],
      ["production", production],
    ] as const) {
      expect(Object.keys(config.vars).sort(), name).toEqual(Object.keys(raw.vars).sort());
      expect(config.observability.enabled).toBe(true);
      expect(config.secrets.required).toEqual([
        "AUTH_JWT_SECRET",
        "MEDIA_SIGNING_SECRET",
        "ENGINE_TOKEN",
        "MODAL_KEY",
        "MODAL_SECRET",
      ]);
    }
    const names = (c: any) =>
      [
        c.name,
        c.d1_databases[0].database_name,
        c.r2_buckets[0].bucket_name,
        c.analytics_engine_datasets[0].dataset,
        ...c.queues.consumers.map((q: any) => q.queue),
        c.routes?.[0]?.pattern,
      ].filter(Boolean);
    const shared = names(staging).filter((n) => names(production).includes(n));
    expect(shared).toEqual([]);
    expect(names(staging).filter((n) => names(raw).includes(n))).toEqual([]);
  });

  // The real wrangler and build, offline: the bundle each environment would upload, against Cloudflare's limits.
  it.each(["staging", "production"])(
    "bundles %s with wrangler deploy --dry-run under the size limit",
    async (name) => {
      const lines: string[] = [];
      const { size } = await deploy({ name, dryRun: true, log: (l: string) => lines.push(l) });
      console.info(lines.join("\n"));
      expect(size.gzip).toBeGreaterThan(100_000);
      expect(size.gzip).toBeLessThan(SIZE_LIMITS.paid);
      const built = JSON.parse(readFileSync(new URL("../build/server/wrangler.json", import.meta.url), "utf8"));
      expect(built.name).toBe(`refrain-${name}`);
      expect(built.assets.directory).toBeTruthy();
    },
    600_000,
  );
});
