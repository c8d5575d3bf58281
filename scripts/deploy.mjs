// `npm run deploy -- staging|production [--secrets FILE] [--dry-run]`: creates what the environment lacks on
// Cloudflare (D1, R2 with its lifecycle rules, queues), applies the D1 migrations, sets the secrets, builds the
// web app and deploys the Worker with its assets. Running it again changes only what changed. `--dry-run` touches
// nothing remote: it builds and bundles (`wrangler deploy --dry-run`) and prints the size against the limits.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { experimental_readRawConfig } from "wrangler";
import { loadTs } from "./load-ts.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { requiredSecrets } = await loadTs("worker/config.ts");
export const ENVIRONMENTS = ["staging", "production"];
/** Cloudflare's limits on a Worker's compressed size (Workers Free, Workers Paid). */
export const SIZE_LIMITS = { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 };
/** Uploads abandoned halfway are not kept; songs' MP3s stay, WAV copies expire through the cron (worker/retention.ts). */
export const LIFECYCLE = {
  rules: [
    {
      id: "abort-incomplete-uploads",
      enabled: true,
      conditions: { prefix: "" },
      abortMultipartUploadsTransition: { condition: { maxAge: 86_400, type: "Age" } },
    },
  ],
};

/** Runs a command, failing with its output when it fails. */
export function spawnRunner(args, options = {}) {
  const [command, ...rest] = args;
  const result = spawnSync(command, rest, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0)
    throw new Error(`${args.join(" ")} failed (${result.status}):\n${result.stderr || result.stdout}`);
  return result.stdout;
}

/** The environment's Wrangler config with every relative path made absolute, as one JSON file wrangler and vite read. */
export function environmentConfig(name, configPath = join(ROOT, "wrangler.toml")) {
  if (!ENVIRONMENTS.includes(name)) throw new Error(`Unknown environment "${name}": use ${ENVIRONMENTS.join(" or ")}`);
  const { rawConfig } = experimental_readRawConfig({ config: configPath });
  const { env: environments, ...top } = rawConfig;
  const own = environments?.[name];
  if (!own) throw new Error(`wrangler.toml has no [env.${name}]`);
  const config = { ...top, ...own };
  config.main = join(ROOT, "web/worker.ts");
  config.d1_databases = config.d1_databases.map((d) => ({ ...d, migrations_dir: join(ROOT, d.migrations_dir) }));
  config.secrets = { required: requiredSecrets(config.vars) };
  return config;
}

const wrangler = (...args) => ["npx", "wrangler", ...args];

/** Secrets from a .env-style file (KEY=value per line, # comments). */
export function readSecrets(file) {
  const secrets = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && !line.trim().startsWith("#")) secrets[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return secrets;
}

/**
 * The whole deployment. `run` executes a command (args array) and returns its stdout; tests give a fake one.
 * Returns what it did, step by step.
 */
export async function deploy({ name, secretsFile, dryRun = false, run = spawnRunner, log = console.log }) {
  const config = environmentConfig(name);
  const done = [];
  const step = (what) => (done.push(what), log(`• ${what}`));
  const workDir = join(ROOT, ".wrangler/deploy-config");
  mkdirSync(workDir, { recursive: true });

  const needed = config.secrets.required;
  const secrets = secretsFile && !dryRun ? readSecrets(secretsFile) : {};
  const missing = needed.filter((s) => !secrets[s]);
  if (!dryRun && missing.length)
    throw new Error(
      `Missing secrets for ${name}: ${missing.join(", ")} (needed by the engines its vars enable; see README "Deploy"). Put them in ${secretsFile ?? "a file given with --secrets"}.`,
    );

  if (!dryRun) {
    const db = config.d1_databases[0];
    const databases = JSON.parse(run(wrangler("d1", "list", "--json")));
    let found = databases.find((d) => d.name === db.database_name);
    if (!found) {
      run(wrangler("d1", "create", db.database_name));
      step(`created D1 database ${db.database_name}`);
      found = JSON.parse(run(wrangler("d1", "list", "--json"))).find((d) => d.name === db.database_name);
      if (!found) throw new Error(`D1 database ${db.database_name} was created but is not listed`);
    }
    db.database_id = found.uuid;

    const buckets = new Set([...run(wrangler("r2", "bucket", "list")).matchAll(/^name:\s+(\S+)/gm)].map((m) => m[1]));
    for (const { bucket_name } of config.r2_buckets)
      if (!buckets.has(bucket_name)) {
        run(wrangler("r2", "bucket", "create", bucket_name));
        step(`created R2 bucket ${bucket_name}`);
      }
    const rules = join(workDir, "r2-lifecycle.json");
    writeFileSync(rules, JSON.stringify(LIFECYCLE, null, 2));
    for (const { bucket_name } of config.r2_buckets)
      run(wrangler("r2", "bucket", "lifecycle", "set", bucket_name, "--file", rules, "--force"));
    step("set R2 lifecycle rules");

    const listed = run(wrangler("queues", "list"));
    const queues = new Set([
      ...config.queues.producers.map((p) => p.queue),
      ...config.queues.consumers.flatMap((c) => [c.queue, c.dead_letter_queue].filter(Boolean)),
    ]);
    for (const queue of queues)
      if (!new RegExp(`(^|[\\s│|])${queue}([\\s│|]|$)`, "m").test(listed)) {
        run(wrangler("queues", "create", queue));
        step(`created queue ${queue}`);
      }
  }

  const configFile = join(workDir, `${name}.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));

  if (!dryRun) {
    run(wrangler("d1", "migrations", "apply", "DB", "--remote", "-c", configFile));
    step("applied D1 migrations");
    const secretsJson = join(workDir, `${name}.secrets.json`);
    writeFileSync(secretsJson, JSON.stringify(secrets), { mode: 0o600 });
    try {
      run(wrangler("secret", "bulk", secretsJson, "-c", configFile));
    } finally {
      writeFileSync(secretsJson, "{}");
    }
    step(`set ${Object.keys(secrets).length} secrets`);
  }

  // The React Router build writes build/server/wrangler.json from this environment's config (vite.config.ts).
  run(["npx", "react-router", "build"], { env: { REFRAIN_WRANGLER_CONFIG: configFile } });
  step("built the web app");
  const deployed = join(ROOT, "build/server/wrangler.json");
  if (dryRun) {
    const outdir = join(workDir, `${name}-bundle`);
    rmSync(outdir, { recursive: true, force: true });
    run(wrangler("deploy", "--dry-run", "--outdir", outdir, "-c", deployed));
    const size = bundleSize(outdir);
    step(
      `bundled ${name}: ${kb(size.raw)} raw, ${kb(size.gzip)} gzipped (limits: ${kb(SIZE_LIMITS.free)} Free, ${kb(SIZE_LIMITS.paid)} Paid)`,
    );
    return { done, config, size };
  }
  run(wrangler("deploy", "-c", deployed));
  step(`deployed ${config.name}`);
  return { done, config };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

/** What Cloudflare measures: the Worker's modules, compressed (assets are not counted). */
export function bundleSize(outdir) {
  const files = readdirSync(outdir, { recursive: true })
    .map((f) => join(outdir, String(f)))
    .filter((f) => statSync(f).isFile() && !f.endsWith(".map"));
  const all = Buffer.concat(files.map((f) => readFileSync(f)));
  return { raw: all.byteLength, gzip: gzipSync(all).byteLength };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--secrets");
  const secretsAt = args.indexOf("--secrets");
  const secretsFile = secretsAt >= 0 ? args[secretsAt + 1] : join(ROOT, `.secrets.${name}`);
  deploy({ name, secretsFile, dryRun: args.includes("--dry-run") }).catch((err) => {
    console.error(`deploy failed: ${err.message}`);
    process.exit(1);
  });
}
