// `npm start`: everything Refrain needs locally, on one machine with no network.
// The web app (React Router, web/) is built into the same Worker as the API, then served by wrangler dev.
// Local secrets, D1 migrations, a demo account with credits, the music engine (a Node process with
// its worker pool), then the Worker (D1, R2, Queues and the job Durable Objects all run inside
// wrangler's local runtime), which sends its orders to that engine.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { experimental_readRawConfig } from "wrangler";
import { loadTs } from "./load-ts.mjs";

const port = process.env.PORT ?? "8787";
const enginePort = process.env.ENGINE_PORT ?? String(Number(port) + 2);
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
// One state folder for the migrations, the demo seed, wrangler dev and the engine's renders: each wrangler
// command otherwise persists next to its own config file, and `wrangler dev -c build/server/wrangler.json`
// would open an empty database under build/server. REFRAIN_STATE_DIR moves it (end-to-end tests use a fresh one).
const stateDir = resolve(process.env.REFRAIN_STATE_DIR ?? ".wrangler/state");
const persist = ["--persist-to", stateDir];
const wrangler = (args, options = {}) => spawnSync("npx", ["wrangler", ...args], { stdio: "inherit", env, ...options });

// The engines as the Worker knows them (providers/engines.ts): which secrets they have and how to make local ones.
const { engineSecrets, engineSettings } = await loadTs("providers/engine-registry.ts");

// Secrets stay out of the repository: each machine makes its own on first start, for every secret wrangler.toml
// declares (tests check that list against the engines' descriptors).
const secretNames = experimental_readRawConfig({ config: "wrangler.toml" }).rawConfig.secrets.required;
const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
const missing = secretNames.filter((name) => !new RegExp(`^${name}=`, "m").test(existing));
if (missing.length) {
  const fresh = {
    token: () => randomBytes(32).toString("base64url"),
    whsec: () => `whsec_${randomBytes(32).toString("base64")}`,
  };
  const local = {
    AUTH_JWT_SECRET: "token",
    MEDIA_SIGNING_SECRET: "token",
    ...Object.fromEntries(Object.entries(engineSecrets).map(([name, secret]) => [name, secret.local])),
  };
  writeFileSync(
    ".dev.vars",
    existing + missing.map((name) => `${name}=${local[name] ? fresh[local[name]]() : ""}\n`).join(""),
  );
}

// wrangler.toml explicitly: after a web build, wrangler would otherwise follow the build's config redirect.
// Its output (a table of every migration, redrawn after each one: some 600 lines on a first start) is kept
// for a failure; a start says in one line what it did.
const migrated = wrangler(["d1", "migrations", "apply", "DB", "--local", "-c", "wrangler.toml", ...persist], {
  input: "y\n",
  stdio: "pipe",
  encoding: "utf8",
});
if (migrated.status !== 0) {
  process.stdout.write(migrated.stdout ?? "");
  process.stderr.write(migrated.stderr ?? "");
  process.exit(1);
}
const applied = /About to apply (\d+) migration/.exec(migrated.stdout)?.[1];
console.log(applied ? `Local database: ${applied} migration(s) applied.` : "Local database: up to date.");

// The demo account, through the Worker's own sign-up hashing and credit ledger (scripts/seed.ts), bundled
// in the repository, where its packages resolve.
const seedBundle = resolve(".wrangler/seed.mjs");
await build({
  entryPoints: ["scripts/seed.ts"],
  outfile: seedBundle,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  logLevel: "warning",
});
const { demo, seedDemo } = await import(pathToFileURL(seedBundle).href);
// Operators (the admin console): locally the demo account, so that a newcomer sees the whole product;
// ADMIN_EMAILS (comma separated) replaces it, empty for nobody.
const adminEmails = process.env.ADMIN_EMAILS ?? demo.email;
const demoOperates = adminEmails
  .split(",")
  .map((email) => email.trim().toLowerCase())
  .includes(demo.email);
await seedDemo(stateDir, demoOperates ? "admin" : "user");

const vars = Object.fromEntries(
  readFileSync(".dev.vars", "utf8")
    .split("\n")
    .filter((l) => l.includes("="))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);
if (spawnSync(process.execPath, ["engine/build.mjs"], { stdio: "inherit" }).status !== 0) process.exit(1);
// The Worker with its pages: `react-router build` writes build/server (the Worker and its wrangler.json) and build/client (assets).
if (process.env.REFRAIN_SKIP_WEB_BUILD !== "1" || !existsSync("build/server/wrangler.json"))
  if (spawnSync("npx", ["react-router", "build"], { stdio: ["ignore", "inherit", "inherit"], env }).status !== 0)
    process.exit(1);
const engine = spawn(process.execPath, ["engine/dist/server.mjs"], {
  stdio: "inherit",
  env: {
    ...process.env,
    ENGINE_PORT: enginePort,
    ENGINE_TOKEN: vars.ENGINE_TOKEN,
    ENGINE_WEBHOOK_SECRET: vars.ENGINE_WEBHOOK_SECRET,
    ENGINE_PUBLIC_URL: `http://127.0.0.1:${enginePort}`,
    ENGINE_DATA_DIR: `${stateDir}/engine`,
  },
});

// wrangler's own entry rather than `npx wrangler`: a SIGTERM then reaches wrangler itself, which stops its
// runtime. Through npm and a shell it stopped only the shell, and wrangler went on serving the port alone.
const wranglerBin = new URL("bin/wrangler.js", import.meta.resolve("wrangler/package.json"));
const dev = spawn(
  process.execPath,
  [
    fileURLToPath(wranglerBin),
    "dev",
    "-c",
    "build/server/wrangler.json",
    "--env-file",
    ".dev.vars",
    "--port",
    port,
    "--ip",
    "127.0.0.1",
    "--inspector-port",
    "0",
    ...persist,
    "--var",
    `PUBLIC_URL:${process.env.PUBLIC_URL ?? `http://localhost:${port}`}`,
    "--var",
    `ENGINE_URL:http://127.0.0.1:${enginePort}`,
    // Partner origins allowed to frame /embed/* (space or comma separated).
    ...(process.env.EMBED_ORIGINS ? ["--var", `EMBED_ORIGINS:${process.env.EMBED_ORIGINS}`] : []),
    // How long a shared player's stream link lives (end-to-end tests shorten it to see it renewed).
    ...(process.env.EMBED_LINK_TTL_SECONDS
      ? ["--var", `EMBED_LINK_TTL_SECONDS:${process.env.EMBED_LINK_TTL_SECONDS}`]
      : []),
    // Turnstile for this run only (end-to-end tests use Cloudflare's test keys against a local siteverify).
    ...["TURNSTILE_SITE_KEY", "TURNSTILE_SECRET_KEY", "TURNSTILE_VERIFY_URL"].flatMap((name) =>
      process.env[name] ? ["--var", `${name}:${process.env[name]}`] : [],
    ),
    ...["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "BILLING_PACKS"].flatMap((name) =>
      process.env[name] ? ["--var", `${name}:${process.env[name]}`] : [],
    ),
    // Any engine's settings from the environment (SUNO_API_BASE_URL=… npm start); the built-in engine's address is this run's.
    ...Object.keys(engineSettings)
      .filter((name) => name !== "ENGINE_URL")
      .flatMap((name) => (process.env[name] ? ["--var", `${name}:${process.env[name]}`] : [])),
    "--var",
    `ADMIN_EMAILS:${adminEmails}`,
  ],
  { stdio: "inherit", env },
);
const children = new Map([
  [dev, "The Worker (wrangler dev)"],
  [engine, "The music engine"],
]);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    stopping = true;
    for (const child of children.keys()) child.kill(signal);
  });
// One stopping takes the other down: a Worker without its engine, or the reverse, is not the product.
for (const [child, name] of children)
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`\n${name} stopped (${signal ?? `exit code ${code}`}): stopping Refrain.`);
      process.exitCode = code || 1;
    }
    stopping = true;
    if (children.size === 0) process.exit();
    for (const other of children.keys()) other.kill("SIGTERM");
    setTimeout(() => {
      for (const other of children.keys()) other.kill("SIGKILL");
    }, 10_000).unref();
  });

// The URL and the demo sign-in come last, once both servers answer, so they are not lost in wrangler's output.
const url = `http://localhost:${port}`;
const answers = (address) =>
  fetch(address).then(
    (r) => r.ok,
    () => false,
  );
while (!stopping) {
  if ((await answers(`http://127.0.0.1:${port}/health`)) && (await answers(`http://127.0.0.1:${enginePort}/healthz`)))
    break;
  await new Promise((done) => setTimeout(done, 300));
}
if (!stopping)
  console.log(
    [
      `\nRefrain is ready: ${url}`,
      `  API docs: ${url}/api/docs`,
      ...(demoOperates ? [`  Operators' console: ${url}/en/admin (the demo account is an operator locally)`] : []),
      `  Sign in with the demo account: ${demo.email} / ${demo.password} (${demo.credits} credits)\n`,
    ].join("\n"),
  );
