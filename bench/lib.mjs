// What every benchmark script shares: its options, the Node check, the processes it starts (each in
// its own process group, all stopped at the end, whatever happens), a scratch directory, statistics,
// CPU accounting, and the local platform (Suno simulator + a snapshot of the Worker under wrangler dev).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  cpSync,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELED", "TIMED_OUT"]);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...args) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

// ---- options and Node ----------------------------------------------------------------------------

/**
 * The script's options: `spec` as for util.parseArgs (string options with defaults); those named in
 * `numbers` must be positive numbers and come back as numbers. Also returns the command line as typed.
 */
export function options(script, spec, numbers = []) {
  const { values } = parseArgs({ options: spec, strict: true });
  for (const name of numbers) {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    values[name] = n;
  }
  return { opts: values, command: [`npx node bench/${script}`, ...process.argv.slice(2)].join(" ") };
}

/** The scripts use Node 22 APIs: run through `npx node` to get the repository's Node, not the machine's. */
export function requireNode(script, [wantMajor, wantMinor] = [22, 12]) {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
    console.error(`Node ${process.versions.node}: run this with the repository's Node 22 (npx node bench/${script}).`);
    process.exit(2);
  }
}

// ---- processes, scratch directory, cleanup -----------------------------------------------------------

export const alive = (child) => child.exitCode === null && child.signalCode === null;

/** A run's processes and scratch directory; `main` stops and removes all of it on exit, error or signal. */
export class Run {
  children = [];
  #dir = null;
  #cleaned = false;

  constructor(name) {
    this.name = name;
    for (const signal of ["SIGINT", "SIGTERM"])
      process.on(signal, () => void this.cleanup().then(() => process.exit(130)));
  }

  get dir() {
    this.#dir ??= mkdtempSync(join(tmpdir(), `refrain-${this.name}-`));
    return this.#dir;
  }

  /** Each child leads its own process group, so npx, wrangler and workerd (or a gateway's threads) go down together. */
  start(cmd, args, { env = {}, cwd = root, name = cmd } = {}) {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.benchName = name;
    this.children.push(child);
    return child;
  }

  async stop(child, graceMs = 5000, signal = "SIGTERM") {
    if (alive(child)) {
      try {
        process.kill(-child.pid, signal);
      } catch {}
    }
    const deadline = Date.now() + graceMs;
    while (alive(child) && Date.now() < deadline) await sleep(50);
    try {
      process.kill(-child.pid, "SIGKILL"); // whatever is left of the group (workerd outlives npx sometimes)
    } catch {}
  }

  async cleanup() {
    if (this.#cleaned) return;
    this.#cleaned = true;
    await Promise.all(this.children.map((child) => this.stop(child)));
    if (!this.#dir) return;
    // node_modules links point into the repository: unlink them first, never walk into them.
    for (const link of ["node_modules", "app/node_modules"])
      try {
        unlinkSync(join(this.#dir, link));
      } catch {}
    rmSync(this.#dir, { recursive: true, force: true });
  }

  /** Runs the script's body; its result is the exit code. Cleanup happens whatever the outcome. */
  async main(body) {
    let code = 1;
    try {
      code = await body();
    } catch (err) {
      console.error(`bench failed: ${err?.stack ?? err}`);
      code = 1;
    } finally {
      await this.cleanup();
    }
    process.exit(code);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs `task(i)` for i in 0..count-1, `concurrency` at a time. */
export async function pool(count, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

// ---- statistics ----------------------------------------------------------------------------------

export function pct(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
export function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: pct(s, 50),
    p90: pct(s, 90),
    p99: pct(s, 99),
    max: s[s.length - 1] ?? NaN,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
  };
}
export const ms = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : "–");
export const counts = (values) =>
  Object.entries(
    values.reduce((acc, v) => {
      acc[v] = (acc[v] ?? 0) + 1;
      return acc;
    }, {}),
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");

// ---- CPU accounting (Linux): how much of the machine a phase had ----------------------------------------

const TICKS = 100; // USER_HZ
/** Busy CPU of the machine and of these process groups (and this process), in ticks, now. */
export function readCpu(children) {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = user + nice + system + irq + softirq + (steal ?? 0);
    const groups = new Set(children.map((c) => c.pid));
    let ours = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(pid) === process.pid || groups.has(Number(f[2]))) ours += Number(f[11]) + Number(f[12]);
      } catch {}
    }
    return { at: performance.now(), total, ours, children };
  } catch {
    return null;
  }
}
/** Average cores used since `before`, by this run's processes and by everything else on the machine. */
export function cpuSince(before) {
  const after = before && readCpu(before.children);
  if (!before || !after) return null;
  const seconds = (after.at - before.at) / 1000;
  const ours = (after.ours - before.ours) / TICKS / seconds;
  const all = (after.total - before.total) / TICKS / seconds;
  return { ours, others: Math.max(0, all - ours) };
}
export const cpuText = (c) => (c ? `${c.ours.toFixed(2)} / ${c.others.toFixed(2)}` : "n/a");

// ---- the local platform ---------------------------------------------------------------------------

const quiet = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1", FORCE_COLOR: "0" };

/** The Suno simulator in its own process, so its work does not share the load generator's event loop. */
export async function startSimulator(run, behaviour = {}) {
  const sim = run.start(process.execPath, ["test/simulators/suno.ts"], {
    env: { PORT: String(await freePort()) },
    name: "simulator",
  });
  sim.stdout.setEncoding("utf8");
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const errs = [];
    sim.stderr.on("data", (d) => errs.push(String(d)));
    sim.stdout.on("data", (d) => {
      out += d;
      const m = /on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    sim.once("exit", (code) => reject(new Error(`simulator exited (${code}): ${errs.join("")}`)));
  });
  await simulator(url, behaviour);
  return url;
}

/** Changes the simulator's behaviour (see test/simulators/suno.ts for the modes). */
export async function simulator(url, behaviour) {
  const res = await fetch(`${url}/__sim/behaviour`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(behaviour),
  });
  if (!res.ok) throw new Error(`simulator behaviour: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * The Worker as `wrangler dev` runs it, from a snapshot of its sources taken now (edits made to the
 * working tree during a run cannot reload it mid-measurement), with its own D1/R2/DO state, throwaway
 * secrets and the given vars. Returns its base URL and helpers; `restart()` stops and starts it again
 * on the same state.
 */
export async function startPlatform(run, { vars = {}, secrets = {}, logPath } = {}) {
  const t0 = performance.now();
  const dir = run.dir;
  const app = join(dir, "app");
  const persist = join(dir, "state");
  for (const entry of ["wrangler.toml", "package.json", "tsconfig.json", "domain", "worker", "db", "providers"])
    cpSync(join(root, entry), join(app, entry), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(app, "node_modules"), "dir");
  const revision =
    spawnSync("git", ["describe", "--always", "--dirty"], { cwd: root, encoding: "utf8" }).stdout.trim() || "unknown";
  const wrangler = (args, input) => {
    const r = spawnSync("npx", ["wrangler", ...args], {
      cwd: app,
      env: { ...process.env, ...quiet },
      input,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0)
      throw new Error(`npx wrangler ${args.slice(0, 3).join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  // The secrets the Suno path needs get throwaway values; any other secret wrangler.toml requires is
  // declared empty, so that no other engine counts as configured.
  const token = () => `bench-${randomBytes(32).toString("base64url")}`;
  const values = {
    AUTH_JWT_SECRET: token(),
    MEDIA_SIGNING_SECRET: token(),
    SUNO_API_KEY: token(),
    SUNO_WRAPPER_COOKIE: token(),
    SUPABASE_JWT_SECRET: token(),
    ENGINE_TOKEN: token(),
    ...secrets,
  };
  const required =
    /\[secrets\][^[]*?required\s*=\s*\[([^\]]*)\]/.exec(readFileSync(join(app, "wrangler.toml"), "utf8"))?.[1] ?? "";
  const names = [...new Set([...Object.keys(values), ...[...required.matchAll(/"([^"]+)"/g)].map((m) => m[1])])];
  const envFile = join(dir, "bench.env");
  writeFileSync(envFile, [...names.map((name) => `${name}=${values[name] ?? ""}`), ""].join("\n"));
  const t = performance.now();
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], "y\n");
  const migrationsMs = performance.now() - t;

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // A benchmark's few accounts order far more, and faster, than the abuse limits let a person (the limiter still runs).
  const allVars = {
    PUBLIC_URL: base,
    ACCESS_TOKEN_TTL_SECONDS: "86400",
    RATE_LIMIT_JOBS: "1000000/60",
    RATE_LIMIT_JOBS_IP: "1000000/60",
    RATE_LIMIT_SIGNUP: "1000000/60",
    RATE_LIMIT_SIGNIN: "1000000/60",
    DAILY_JOB_QUOTA: "1000000",
    ...vars,
  };
  const logFile = createWriteStream(logPath ?? join(dir, "wrangler.log"), { flags: "a" });
  const notable = new Map(); // warning/error lines of wrangler's output, deduplicated (ids stripped)
  const state = { reloads: 0, tail: "", child: null, inspectorPort: null };

  async function up() {
    const args = [
      "wrangler",
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String((state.inspectorPort = await freePort())),
      "--persist-to",
      persist,
      "--env-file",
      envFile,
      "--show-interactive-dev-session=false",
    ];
    for (const [k, v] of Object.entries(allVars)) args.push("--var", `${k}:${v}`);
    const started = performance.now();
    const dev = run.start("npx", args, { cwd: app, env: quiet, name: "wrangler dev" });
    state.child = dev;
    let pending = "";
    const scan = (chunk) => {
      logFile.write(chunk);
      state.tail = (state.tail + chunk).slice(-20_000);
      const lines = (pending + chunk).split("\n");
      pending = lines.pop();
      for (const raw of lines) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the terminal colour codes wrangler prints.
        const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
        if (/Reloading local server/.test(line)) state.reloads += 1;
        if (!/warn|error|✘|▲|exception|uncaught/i.test(line) || /"level":"info"/.test(line)) continue;
        const key = line
          .replace(/job_(\d+_)?[0-9a-f-]{36}/g, "job_…")
          .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "…")
          .replace(/[0-9a-f]{32}/g, "…")
          .replace(/"latencyMs":\d+/g, '"latencyMs":…')
          .replace(/\d+(\.\d+)?\s?ms/g, "… ms")
          .slice(0, 300);
        notable.set(key, (notable.get(key) ?? 0) + 1);
      }
    };
    dev.stdout.setEncoding("utf8").on("data", scan);
    dev.stderr.setEncoding("utf8").on("data", scan);
    for (;;) {
      if (!alive(dev))
        throw new Error(
          `wrangler dev exited (${dev.exitCode ?? dev.signalCode}); see its output:\n${state.tail.slice(-3000)}`,
        );
      if (performance.now() - started > 180_000) throw new Error("wrangler dev did not answer /health within 180 s");
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(250);
    }
    return performance.now() - started;
  }
  const startMs = await up();
  log(
    `wrangler dev on ${base} (migrations ${(migrationsMs / 1000).toFixed(1)} s, ready in ${(startMs / 1000).toFixed(1)} s)`,
  );
  return {
    base,
    revision,
    timings: { migrationsMs, startMs, totalMs: performance.now() - t0 },
    notable,
    reloads: () => state.reloads,
    /** wrangler's inspector (Chrome DevTools protocol) for the Worker, e.g. to take a CPU profile. */
    inspectorPort: () => state.inspectorPort,
    /** A SQL statement against the run's local D1 (the same files wrangler dev uses). */
    d1(sql) {
      const out = wrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, "--json", "--command", sql]);
      return JSON.parse(out.slice(out.indexOf("[")))[0].results;
    },
    /** What the cron trigger does every minute (wrangler dev does not fire crons by itself). */
    async cron() {
      const res = await fetch(`${base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("* * * * *")}`).catch(
        () => null,
      );
      return res?.ok ?? false;
    },
    /** The snapshot's wrangler.toml: edit it, then `restart()`, to run the same state under another configuration. */
    configPath: join(app, "wrangler.toml"),
    /** Kills the Worker (SIGKILL: no graceful shutdown) and starts it again on the same state. */
    async restart(downMs = 0) {
      await run.stop(state.child, 0, "SIGKILL");
      await sleep(downMs);
      return up();
    },
    printNotable(limit = 15) {
      if (!notable.size) return;
      console.log(
        `wrangler dev output, warning/error lines (deduplicated, ${[...notable.values()].reduce((a, b) => a + b, 0)} in all):`,
      );
      for (const [line, n] of [...notable].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`  ${n}× ${line}`);
    },
  };
}

// ---- the API, as a client ----------------------------------------------------------------------------

export const OPERATOR = { email: "bench-ops@refrain.local", password: "bench operator passphrase" };

export async function post(base, path, body, { token, headers = {} } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}
export async function get(base, path, token) {
  const res = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** The operator's session: signed up on a fresh stack (its email must be in ADMIN_EMAILS), signed in on a running one. */
export async function operatorToken(base, operator = OPERATOR) {
  const up = await post(base, "/api/auth/signup", operator);
  const session = up.status === 201 ? up : await post(base, "/api/auth/signin", operator);
  if (session.status >= 300)
    throw new Error(`operator sign-in: HTTP ${session.status} ${JSON.stringify(session.body)}`);
  if (session.body.user.role !== "admin")
    throw new Error(`${operator.email} is not an operator: start the stack with ADMIN_EMAILS=${operator.email}`);
  return session.body.accessToken;
}

/** A fresh account holding `credits`, granted by the operator through the ledger like any grant. */
export async function accountWithCredits(base, operator, credits, name = "bench") {
  const email = `${name}-${Date.now()}-${randomBytes(3).toString("hex")}@refrain.local`;
  const up = await post(base, "/api/auth/signup", { email, password: `pw-${randomBytes(12).toString("hex")}` });
  if (up.status !== 201) throw new Error(`signup: HTTP ${up.status} ${JSON.stringify(up.body)}`);
  const grant = await post(
    base,
    "/api/admin/credits/grants",
    { email, amount: Math.min(credits, 100_000), reason: "benchmark credits" },
    { token: operator, headers: { "idempotency-key": `bench-${randomBytes(12).toString("hex")}` } },
  );
  if (grant.status !== 201) throw new Error(`grant: HTTP ${grant.status} ${JSON.stringify(grant.body)}`);
  return { email, token: up.body.accessToken, userId: up.body.user.id };
}

/**
 * Follows a job's event stream until a terminal event (or the stream ends). Each event gets the
 * client's receipt time (Date.now(), the same clock as the server's on one machine).
 */
export async function follow(base, token, jobId, { signal, onOpen } = {}) {
  const res = await fetch(`${base}/api/jobs/${jobId}/events`, {
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
    signal,
  });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  onOpen?.();
  const events = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of res.body) {
    const receivedAt = Date.now();
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trimStart())
        .join("\n");
      if (!data) continue;
      const event = JSON.parse(data);
      event.receivedAt = receivedAt;
      event.receivedPerf = performance.now();
      events.push(event);
      if (TERMINAL.has(event.status)) {
        await res.body.cancel().catch(() => {});
        return events;
      }
    }
  }
  return events;
}

/** The order every benchmark places: a French birthday song, as the web form sends it. */
export const ORDER = {
  mode: "context",
  occasion: "a birthday",
  recipientName: "Marie",
  details: ["surfs"],
  language: "fr",
  styleTags: ["pop"],
  vocal: "female",
  durationSeconds: 60,
};
