// Platform benchmark: the whole Worker under `wrangler dev` (local D1, R2, Queues, Durable Objects)
// against the Suno simulator as an instant provider (every task done on its first poll).
//
//   npx node bench/platform.mjs [--jobs 200] [--concurrency 10] [--clients 20] [--seconds 10] [--log wrangler.log]
//
// 1. end-to-end latency: N orders, C in flight, each timed from POST /api/jobs to its terminal SSE event;
// 2. throughput: POST /api/jobs against the bare GET /health route, same clients, same duration, same run;
//    then the orders of part 2 are followed until they all finish (the pipeline's rate with a backlog).
// Everything runs from a temporary directory that is removed at the end: D1/R2/DO state, secrets, and a
// copy of the Worker's sources, so that edits made to the working tree during a run do not make
// `wrangler dev` reload in the middle of a measurement.
// Exits non-zero if any order did not reach SUCCEEDED.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
  options: {
    jobs: { type: "string", default: "200" },
    concurrency: { type: "string", default: "10" },
    clients: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    "job-timeout": { type: "string", default: "180" },
    "drain-timeout": { type: "string", default: "600" },
    log: { type: "string" },
  },
});
const JOBS = positive("jobs");
const CONCURRENCY = positive("concurrency");
const CLIENTS = positive("clients");
const SECONDS = positive("seconds");
const JOB_TIMEOUT_MS = positive("job-timeout") * 1000;
const DRAIN_TIMEOUT_MS = positive("drain-timeout") * 1000;
const GRANT = 10_000_000;
const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELED", "TIMED_OUT"]);
const command = ["npx node bench/platform.mjs", ...process.argv.slice(2)].join(" ");

function positive(name) {
  const n = Number(opts[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 6)) {
  console.error(`Node ${process.versions.node}: run this with the repository's Node 22 (npx node bench/platform.mjs).`);
  process.exit(2);
}

// ---- processes and cleanup -------------------------------------------------------------------

const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1", FORCE_COLOR: "0" };
const dir = mkdtempSync(join(tmpdir(), "refrain-bench-"));
const persist = join(dir, "state");
const app = join(dir, "app"); // the Worker's sources as they were when the run started
const children = [];
let cleaned = false;

const log = (...args) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

/** Each child leads its own process group, so npx, wrangler and workerd go down together. */
function start(cmd, args, name, extraEnv = {}, cwd = root) {
  const child = spawn(cmd, args, { cwd, env: { ...env, ...extraEnv }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.push({ child, name });
  return child;
}

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
    }
  }
  const deadline = Date.now() + 5000;
  for (const { child } of children) {
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await sleep(100);
    try {
      process.kill(-child.pid, "SIGKILL"); // whatever is left of the group (workerd outlives npx sometimes)
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void cleanup().then(() => process.exit(130)));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function wranglerSync(args, input) {
  const r = spawnSync("npx", ["wrangler", ...args], { cwd: app, env, input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npx wrangler ${args.slice(0, 3).join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function d1(sql) {
  const out = wranglerSync(["d1", "execute", "DB", "--local", "--persist-to", persist, "--json", "--command", sql]);
  return JSON.parse(out.slice(out.indexOf("[")));
}

// ---- CPU accounting (Linux): how much of the machine this run had ----------------------------------

const TICKS = 100; // USER_HZ
function readCpu() {
  try {
    const busy = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = busy;
    const total = user + nice + system + irq + softirq + (steal ?? 0);
    const groups = new Set(children.map(({ child }) => child.pid));
    let ours = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(pid) === process.pid || groups.has(Number(f[2]))) ours += Number(f[11]) + Number(f[12]);
      } catch {}
    }
    return { at: performance.now(), total, ours };
  } catch {
    return null;
  }
}
/** Average cores used over a phase, by this run's processes and by everything else on the machine. */
function cpuSince(before) {
  const after = readCpu();
  if (!before || !after) return null;
  const seconds = (after.at - before.at) / 1000;
  const ours = (after.ours - before.ours) / TICKS / seconds;
  const all = (after.total - before.total) / TICKS / seconds;
  return { ours, others: Math.max(0, all - ours) };
}
const cpuText = (c) => (c ? `${c.ours.toFixed(2)} / ${c.others.toFixed(2)}` : "n/a");

// ---- statistics --------------------------------------------------------------------------------

function pct(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s[s.length - 1] ?? NaN };
}
const ms = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : "–");

// ---- SSE ---------------------------------------------------------------------------------------

/** Follows a job's event stream until a terminal event (or the stream ends); returns the events seen. */
async function follow(base, token, jobId, signal) {
  const res = await fetch(`${base}/api/jobs/${jobId}/events`, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" }, signal });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const events = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of res.body) {
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
      event.receivedAt = performance.now();
      events.push(event);
      if (TERMINAL.has(event.status)) {
        await res.body.cancel().catch(() => {});
        return events;
      }
    }
  }
  return events;
}

// ---- load generation ---------------------------------------------------------------------------

async function pool(count, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** `clients` loops sending `request()` back to back for `seconds`; latency and status of each. */
async function closedLoop(clients, seconds, request, onOk = () => {}) {
  const latencies = [];
  const statuses = {};
  const errors = {};
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const res = await request();
          const text = await res.text();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.ok) {
            latencies.push(performance.now() - t0);
            onOk(text);
          }
        } catch (err) {
          const key = String(err?.cause?.code ?? err?.message ?? err);
          errors[key] = (errors[key] ?? 0) + 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const slow = latencies.filter((l) => l > 1000).length;
  return { ok: latencies.length, rate: latencies.length / elapsed, elapsed, statuses, errors, slow, ...summary(latencies) };
}

// ---- the run -----------------------------------------------------------------------------------

const order = { mode: "context", occasion: "a birthday", recipientName: "Marie", details: ["surfs"], language: "fr", styleTags: ["pop"], vocal: "female", durationSeconds: 60 };

async function main() {
  const t = performance.now();
  const timings = {};
  const loadBefore = loadavg()[0];

  // 1. Simulator, in its own process so its work does not share the load generator's event loop.
  const simPort = await freePort();
  const sim = start(process.execPath, ["test/simulators/suno.ts"], "simulator", { PORT: String(simPort) });
  sim.stdout.setEncoding("utf8");
  const simUrl = await new Promise((resolve, reject) => {
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
  const behaviour = await fetch(`${simUrl}/__sim/behaviour`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ pollsToComplete: 1 }) });
  if (!behaviour.ok) throw new Error(`simulator behaviour: HTTP ${behaviour.status} ${await behaviour.text()}`);
  log(`simulator on ${simUrl} (pollsToComplete: 1)`);

  // 2. A snapshot of the Worker, secrets in the temp dir, migrations, wrangler dev.
  for (const entry of ["wrangler.toml", "package.json", "tsconfig.json", "worker-configuration.d.ts", "worker", "db", "providers"])
    cpSync(join(root, entry), join(app, entry), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(app, "node_modules"), "dir");
  const revision = spawnSync("git", ["describe", "--always", "--dirty"], { cwd: root, encoding: "utf8" }).stdout.trim() || "unknown";
  const envFile = join(dir, "bench.env");
  const secret = () => randomBytes(32).toString("base64url");
  // The secrets the Suno path needs get throwaway values; any other secret wrangler.toml requires is
  // declared empty, so that no other engine counts as configured.
  const needed = ["AUTH_JWT_SECRET", "MEDIA_SIGNING_SECRET", "SUNO_API_KEY", "SUNO_WRAPPER_COOKIE", "SUPABASE_JWT_SECRET"];
  const required = /\[secrets\][^[]*?required\s*=\s*\[([^\]]*)\]/.exec(readFileSync(join(app, "wrangler.toml"), "utf8"))?.[1] ?? "";
  const others = [...required.matchAll(/"([^"]+)"/g)].map((m) => m[1]).filter((name) => !needed.includes(name));
  writeFileSync(envFile, [...needed.map((name) => `${name}=bench-${secret()}`), ...others.map((name) => `${name}=`), ""].join("\n"));
  let t0 = performance.now();
  wranglerSync(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], "y\n");
  timings.migrations = performance.now() - t0;
  log(`migrations applied in ${(timings.migrations / 1000).toFixed(1)} s`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const vars = {
    SUNO_API_BASE_URL: simUrl,
    MUSIC_PROVIDER: "suno",
    LYRICS_PROVIDER: "suno",
    POLL_INITIAL_SECONDS: "0",
    POLL_MAX_SECONDS: "1",
    PUBLIC_URL: base,
    // The run may outlast the default 15-minute access token.
    ACCESS_TOKEN_TTL_SECONDS: "86400",
    // One account orders far more, and faster, than the abuse limits let a person (the limiter still runs).
    RATE_LIMIT_JOBS: "1000000/60",
    DAILY_JOB_QUOTA: "1000000",
  };
  const devArgs = ["wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(await freePort()), "--persist-to", persist, "--env-file", envFile, "--show-interactive-dev-session=false"];
  for (const [k, v] of Object.entries(vars)) devArgs.push("--var", `${k}:${v}`);
  t0 = performance.now();
  const dev = start("npx", devArgs, "wrangler dev", {}, app);
  const logPath = opts.log ? resolve(opts.log) : join(dir, "wrangler.log");
  const logFile = createWriteStream(logPath);
  const notable = new Map(); // warning/error lines of wrangler's output, deduplicated (ids stripped)
  let reloads = 0;
  let tail = "";
  const scan = (chunk) => {
    logFile.write(chunk);
    tail += chunk;
    const lines = tail.split("\n");
    tail = lines.pop();
    for (const raw of lines) {
      const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
      if (/Reloading local server/.test(line)) reloads += 1;
      if (!/warn|error|✘|▲|exception|uncaught/i.test(line) || /"level":"info"/.test(line)) continue;
      const key = line.replace(/job_[0-9a-f-]{36}/g, "job_…").replace(/[0-9a-f]{32}/g, "…").replace(/"latencyMs":\d+/g, '"latencyMs":…').replace(/\d+(\.\d+)?\s?ms/g, "… ms").slice(0, 300);
      notable.set(key, (notable.get(key) ?? 0) + 1);
    }
  };
  dev.stdout.setEncoding("utf8").on("data", scan);
  dev.stderr.setEncoding("utf8").on("data", scan);
  let devExited = null;
  dev.once("exit", (code, sig) => (devExited = `${code ?? sig}`));
  for (;;) {
    if (devExited !== null) throw new Error(`wrangler dev exited (${devExited}); see its output:\n${tail}`);
    if (performance.now() - t0 > 180_000) throw new Error("wrangler dev did not answer /health within 180 s");
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(250);
  }
  timings.devStart = performance.now() - t0;
  log(`wrangler dev on ${base}, /health answered after ${(timings.devStart / 1000).toFixed(1)} s`);
  const reloadsAtStart = reloads;

  // 3. An account with credits.
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `bench-${Date.now()}@refrain.local`, password: `bench-${secret()}` }),
  });
  if (signup.status !== 201) throw new Error(`signup: HTTP ${signup.status} ${await signup.text()}`);
  const { accessToken: token, user } = await signup.json();
  const now = Date.now();
  t0 = performance.now();
  d1(
    `INSERT INTO credit_ledger (id, user_id, kind, amount, reason, reason_kind, entry_key, created_at) VALUES ('led_bench_${now}', '${user.id}', 'grant', ${GRANT}, 'benchmark credits', 'added', 'bench:grant:${now}:${randomUUID()}', ${now}); ` +
      `UPDATE credit_balances SET balance = balance + ${GRANT}, updated_at = ${now} WHERE user_id = '${user.id}';`,
  );
  timings.grant = performance.now() - t0;
  const auth = { authorization: `Bearer ${token}` };
  const credits = await (await fetch(`${base}/api/credits`, { headers: auth })).json();
  log(`account ${user.id}: credits ${JSON.stringify(credits)}`);
  const available = credits.available ?? credits.balance;
  if (!(available >= GRANT)) throw new Error(`the grant is not visible to the Worker: ${JSON.stringify(credits)}`);

  const postJob = () =>
    fetch(`${base}/api/jobs`, { method: "POST", headers: { ...auth, "content-type": "application/json", "idempotency-key": `bench-${randomUUID()}` }, body: JSON.stringify(order) });

  // 4. End-to-end latency.
  log(`end-to-end: ${JOBS} orders, ${CONCURRENCY} in flight`);
  const results = [];
  t0 = performance.now();
  const e2eCpuStart = readCpu();
  await pool(JOBS, CONCURRENCY, async (i) => {
    const started = performance.now();
    const result = { i, status: "NO_RESPONSE", latency: NaN, events: [], error: null };
    results.push(result);
    try {
      const res = await postJob();
      const body = await res.json();
      result.postMs = performance.now() - started;
      if (res.status !== 202) {
        result.status = `HTTP_${res.status}`;
        result.error = JSON.stringify(body).slice(0, 300);
        return;
      }
      result.jobId = body.id;
      const signal = AbortSignal.timeout(Math.max(1, Math.round(JOB_TIMEOUT_MS - (performance.now() - started))));
      try {
        result.events = await follow(base, token, body.id, signal);
      } catch (err) {
        result.error = `events: ${err?.name === "TimeoutError" ? "timed out" : String(err)}`;
      }
      const last = result.events.at(-1);
      if (last && TERMINAL.has(last.status)) {
        result.status = last.status;
        result.latency = last.receivedAt - started;
        if (last.status !== "SUCCEEDED") result.error = JSON.stringify(last.data?.error ?? last.data);
      } else {
        // The stream ended (or timed out) without a terminal event: what does the job say now?
        const view = await (await fetch(`${base}/api/jobs/${body.id}`, { headers: auth })).json();
        result.status = TERMINAL.has(view.status) ? view.status : `STUCK_${view.status}`;
        if (TERMINAL.has(view.status)) result.latency = performance.now() - started;
        result.error = `${result.error ?? "stream ended without a terminal event"}; job: ${view.status} ${JSON.stringify(view.error)}`;
      }
    } catch (err) {
      result.error = String(err);
    }
    const done = results.filter((r) => r.status !== "NO_RESPONSE").length;
    if (done % Math.max(1, Math.floor(JOBS / 10)) === 0) log(`  ${done}/${JOBS} done`);
  });
  const e2eWall = (performance.now() - t0) / 1000;
  const e2eCpu = cpuSince(e2eCpuStart);
  const byStatus = {};
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const succeeded = results.filter((r) => r.status === "SUCCEEDED");
  const e2e = summary(succeeded.map((r) => r.latency));
  const post = summary(results.filter((r) => r.postMs !== undefined).map((r) => r.postMs));

  // Where the time goes: from the order's POST to each transition's arrival on the stream (successful jobs).
  const stageOrder = [];
  const stages = {};
  for (const r of succeeded) {
    const first = r.events[0];
    for (const e of r.events.slice(1)) {
      const key = `${e.type} → ${e.status}`;
      if (!stages[key]) (stages[key] = []), stageOrder.push(key);
      stages[key].push(Date.parse(e.at) - Date.parse(first.at));
    }
  }

  // 5. Throughput: the bare route, then orders, same clients and duration.
  log(`throughput: ${CLIENTS} clients × ${SECONDS} s, GET /health then POST /api/jobs (1 s warm-up each)`);
  await closedLoop(CLIENTS, 1, () => fetch(`${base}/health`));
  let cpuStart = readCpu();
  const health = await closedLoop(CLIENTS, SECONDS, () => fetch(`${base}/health`));
  health.cpu = cpuSince(cpuStart);
  const loadJobs = [];
  const keep = (text) => loadJobs.push(JSON.parse(text).id);
  await closedLoop(CLIENTS, 1, postJob, keep);
  cpuStart = readCpu();
  const orders = await closedLoop(CLIENTS, SECONDS, postJob, keep);
  orders.cpu = cpuSince(cpuStart);
  const ratio = orders.rate / health.rate;

  // The orders of part 2 are still in the pipeline: follow them all to the end.
  log(`draining the ${loadJobs.length} orders of the throughput phase`);
  t0 = performance.now();
  const loadStatus = new Map(loadJobs.map((id) => [id, "QUEUED"]));
  let lastReport = 0;
  for (;;) {
    const pending = [...loadStatus].filter(([, s]) => !TERMINAL.has(s)).map(([id]) => id);
    if (!pending.length || performance.now() - t0 > DRAIN_TIMEOUT_MS) break;
    await pool(pending.length, 5, async (k) => {
      const res = await fetch(`${base}/api/jobs/${pending[k]}`, { headers: auth }).catch(() => null);
      if (res?.ok) loadStatus.set(pending[k], (await res.json()).status);
    });
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      log(`  ${[...loadStatus.values()].filter((s) => TERMINAL.has(s)).length}/${loadJobs.length} finished`);
    }
    await sleep(1000);
  }
  const drainSeconds = (performance.now() - t0) / 1000;
  const loadByStatus = {};
  for (const s of loadStatus.values()) loadByStatus[TERMINAL.has(s) ? s : `STUCK_${s}`] = (loadByStatus[TERMINAL.has(s) ? s : `STUCK_${s}`] ?? 0) + 1;
  const loadFailures = [...loadStatus].filter(([, s]) => s !== "SUCCEEDED");

  // ---- report ----
  const totalSeconds = (performance.now() - t) / 1000;
  const lines = [];
  lines.push(`Command: \`${command}\``);
  lines.push(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.versions.node}, wrangler dev (local workerd), Suno simulator with pollsToComplete: 1; sources at ${revision}; 1-min load average ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
  lines.push("");
  lines.push("| Measure | n | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | Notes |");
  lines.push("|---|---:|---:|---:|---:|---:|---|");
  lines.push(`| End-to-end, POST → SUCCEEDED event | ${e2e.n} | ${ms(e2e.p50)} | ${ms(e2e.p90)} | ${ms(e2e.p99)} | ${ms(e2e.max)} | ${CONCURRENCY} in flight; ${JOBS} orders in ${e2eWall.toFixed(1)} s (${(JOBS / e2eWall).toFixed(1)} songs/s); cores used, this run / others: ${cpuText(e2eCpu)} |`);
  lines.push(`| POST /api/jobs response (during end-to-end) | ${post.n} | ${ms(post.p50)} | ${ms(post.p90)} | ${ms(post.p99)} | ${ms(post.max)} | |`);
  for (const key of stageOrder) {
    const s = summary(stages[key]);
    lines.push(`| &nbsp;&nbsp;queued → \`${key}\` (server clock) | ${s.n} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} | |`);
  }
  lines.push("");
  lines.push(`End-to-end statuses: ${Object.entries(byStatus).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  lines.push("");
  lines.push(`| Throughput (${CLIENTS} clients, ${SECONDS} s) | requests/s | ok | p50 (ms) | p99 (ms) | max (ms) | > 1 s | cores used, this run / others | statuses |`);
  lines.push("|---|---:|---:|---:|---:|---:|---:|---|---|");
  const row = (name, r) =>
    `| ${name} | ${r.rate.toFixed(1)} | ${r.ok} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.slow} | ${cpuText(r.cpu)} | ${Object.entries(r.statuses).map(([k, v]) => `${k}×${v}`).join(" ")}${Object.keys(r.errors).length ? ` errors: ${JSON.stringify(r.errors)}` : ""} |`;
  lines.push(row("GET /health (bare route)", health));
  lines.push(row("POST /api/jobs (202)", orders));
  lines.push("");
  lines.push(`Ratio POST /api/jobs ÷ GET /health: **${ratio.toFixed(3)}** (${(1 / ratio).toFixed(1)}× slower)`);
  lines.push("");
  lines.push(
    `Setup: migrations ${(timings.migrations / 1000).toFixed(1)} s, wrangler dev ready in ${(timings.devStart / 1000).toFixed(1)} s, credit grant (d1 execute) ${(timings.grant / 1000).toFixed(1)} s; total ${totalSeconds.toFixed(0)} s`,
  );
  lines.push(
    `Orders of the throughput phase (incl. warm-up): ${loadJobs.length}, followed to the end in ${drainSeconds.toFixed(1)} s after the load stopped: ${Object.entries(loadByStatus).map(([k, v]) => `${k} ${v}`).join(", ")}`,
  );
  if (reloads > reloadsAtStart) lines.push(`**wrangler dev reloaded the Worker ${reloads - reloadsAtStart} time(s) during the run: these figures include a reload.**`);
  console.log(`\n${lines.join("\n")}\n`);

  const failures = results.filter((r) => r.status !== "SUCCEEDED");
  if (failures.length) {
    console.log(`FAILURES: ${failures.length} of ${JOBS} end-to-end orders did not succeed`);
    for (const f of failures.slice(0, 20)) console.log(`  #${f.i} ${f.jobId ?? "(no job)"} ${f.status}: ${f.error ?? ""} events: ${f.events.map((e) => e.type).join(",")}`);
  }
  if (loadFailures.length) {
    console.log(`FAILURES: ${loadFailures.length} of ${loadJobs.length} throughput-phase orders did not succeed`);
    for (const [id, s] of loadFailures.slice(0, 20)) console.log(`  ${id} ${s}`);
  }
  if (notable.size) {
    console.log(`wrangler dev output, warning/error lines (deduplicated, ${[...notable.values()].reduce((a, b) => a + b, 0)} in all):`);
    for (const [line, n] of [...notable].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${n}× ${line}`);
  }
  if (opts.log) console.log(`wrangler dev output saved to ${logPath}`);
  await new Promise((r) => logFile.end(r));
  return failures.length || loadFailures.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`bench failed: ${err?.stack ?? err}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
