// `npm start`: everything Refrain needs locally, on one machine with no network.
// Local secrets, D1 migrations, a demo account with credits, then the Worker (D1, R2, Queues and
// the job Durable Objects all run inside wrangler's local runtime).
import { spawn, spawnSync } from "node:child_process";
import { pbkdf2Sync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const port = process.env.PORT ?? "8787";
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const wrangler = (args, options = {}) => spawnSync("npx", ["wrangler", ...args], { stdio: "inherit", env, ...options });

// Secrets stay out of the repository: each machine makes its own on first start.
const secretNames = ["AUTH_JWT_SECRET", "MEDIA_SIGNING_SECRET", "SUNO_API_KEY", "SUNO_WRAPPER_COOKIE", "SUPABASE_JWT_SECRET"];
const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
const missing = secretNames.filter((name) => !new RegExp(`^${name}=`, "m").test(existing));
if (missing.length) {
  const generated = { AUTH_JWT_SECRET: randomBytes(32).toString("base64url"), MEDIA_SIGNING_SECRET: randomBytes(32).toString("base64url") };
  writeFileSync(".dev.vars", existing + missing.map((name) => `${name}=${generated[name] ?? ""}\n`).join(""));
}

if (wrangler(["d1", "migrations", "apply", "DB", "--local"], { input: "y\n", stdio: ["pipe", "inherit", "inherit"] }).status !== 0) process.exit(1);

const demo = { email: "demo@refrain.local", password: "refrain-demo", credits: 200 };
const salt = randomBytes(16);
const hash = pbkdf2Sync(demo.password, salt, 100_000, 32, "sha256");
const passwordHash = `pbkdf2-sha256$100000$${salt.toString("base64")}$${hash.toString("base64")}`;
const now = Date.now();
const seed = [
  `INSERT OR IGNORE INTO users (id, email, password_hash, role, created_at) VALUES ('usr_demo', '${demo.email}', '${passwordHash}', 'user', ${now});`,
  `INSERT OR IGNORE INTO credit_ledger (id, user_id, kind, amount, reason, entry_key, created_at) VALUES ('led_demo', 'usr_demo', 'grant', ${demo.credits}, 'demo credits', 'demo:grant', ${now});`,
  `INSERT OR IGNORE INTO credit_balances (user_id, balance, reserved, updated_at) VALUES ('usr_demo', ${demo.credits}, 0, ${now});`,
].join(" ");
if (wrangler(["d1", "execute", "DB", "--local", "--command", seed], { stdio: ["ignore", "ignore", "inherit"] }).status !== 0) process.exit(1);

console.log(`\nRefrain is starting on http://localhost:${port}\n  demo account: ${demo.email} / ${demo.password} (${demo.credits} credits)\n  API docs:     http://localhost:${port}/api/docs\n`);
const dev = spawn("npx", ["wrangler", "dev", "--port", port, "--ip", "127.0.0.1", "--inspector-port", "0", "--var", `PUBLIC_URL:http://localhost:${port}`], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
