// Fault run: orders placed while the engines misbehave and the processes die, then the books are
// checked. Every accepted order must end (SUCCEEDED, FAILED, TIMED_OUT or CANCELED), every reserved
// credit must be debited, refunded or still held by an unfinished order, and no order may be debited twice.
//
//   npx node bench/faults.mjs [--per-phase 10] [--deadline 60]
//
// It starts its own stack (bench/lib.mjs): the Suno simulator, the music engine with a render thread
// that makes short silent songs instead of music (engine/test-fixtures/sleepy-thread.mjs), the Worker
// under wrangler dev, and a webhook receiver standing in for Slack. It fires the cron trigger itself
// every 5 s (wrangler dev does not). Phases, one after the other (`--per-phase` orders each), each
// starting with closed circuits:
//   fail        the engine fails every song (GENERATE_AUDIO_FAILED); no failover
//   garbage     the engine answers an HTML 502 page to every new task; failover to the music engine
//   twice       every callback is delivered twice and out of order
//   engine      the music engine is killed (SIGKILL) mid-render and is back 5 s later
//   worker      the Worker (wrangler dev, workerd) is killed (SIGKILL) mid-job and restarted on its state
//   timeout     creating a task hangs past the adapter's 20 s timeout, then (next phase) goes through
//   never       tasks never finish and never call back: the deadline (--deadline seconds) ends them
// Ends with a table of the invariants; exits non-zero if one is broken.

import { randomBytes, randomUUID } from "node:crypto";
import { symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import {
  accountWithCredits,
  alive,
  counts,
  freePort,
  get,
  log,
  OPERATOR,
  ORDER,
  operatorToken,
  options,
  post,
  Run,
  requireNode,
  root,
  simulator,
  sleep,
  startPlatform,
  startSimulator,
  TERMINAL,
} from "./lib.mjs";

requireNode("faults.mjs");
const { opts, command } = options(
  "faults.mjs",
  { "per-phase": { type: "string", default: "10" }, deadline: { type: "string", default: "60" } },
  ["per-phase", "deadline"],
);
const run = new Run("faults");
const PER_PHASE = opts["per-phase"];

// ---- the music engine, with a render thread that makes short silent songs ------------------------------

/** Bundles a launcher for the engine's gateway around the test fixture's render thread (no music rendered). */
async function engineLauncher() {
  const entry = join(run.dir, "engine-entry.ts");
  writeFileSync(
    entry,
    `import { serve } from "@hono/node-server";
import { configFromEnv } from ${JSON.stringify(join(root, "engine/src/server/config.ts"))};
import { createEngine } from ${JSON.stringify(join(root, "engine/src/server/engine.ts"))};
const engine = await createEngine(configFromEnv(), new URL(${JSON.stringify(pathToFileURL(join(root, "engine/test-fixtures/sleepy-thread.mjs")).href)}), () => undefined);
serve({ fetch: engine.app.fetch, port: Number(process.env.ENGINE_PORT), hostname: "127.0.0.1" }, () => console.log("engine ready"));
`,
  );
  symlinkSync(join(root, "node_modules"), join(run.dir, "node_modules"), "dir");
  const outfile = join(run.dir, "engine.mjs");
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    logLevel: "warning",
  });
  return outfile;
}

async function startEngine(launcher, env) {
  const child = run.start(process.execPath, [launcher], { env, name: "engine" });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d) => (out += d));
  for (const until = Date.now() + 30_000; !out.includes("engine ready"); await sleep(50)) {
    if (!alive(child) || Date.now() > until) throw new Error(`the engine did not start: ${out.slice(-2000)}`);
  }
  return child;
}

// ---- a Slack stand-in --------------------------------------------------------------------------------

async function alertReceiver() {
  const texts = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      try {
        texts.push(JSON.parse(body).text);
      } catch {
        texts.push(body);
      }
      res.end("ok");
    });
  });
  const port = await freePort();
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}/hooks/alerts`, texts, close: () => server.close() };
}

// ---- the run -----------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const simUrl = await startSimulator(run);
  const receiver = await alertReceiver();
  const enginePort = await freePort();
  const engineToken = `bench-${randomBytes(24).toString("base64url")}`;
  const webhookSecret = `whsec_${randomBytes(32).toString("base64")}`;
  const launcher = await engineLauncher();
  const engineEnv = {
    ENGINE_PORT: String(enginePort),
    ENGINE_TOKEN: engineToken,
    ENGINE_WEBHOOK_SECRET: webhookSecret,
    ENGINE_DATA_DIR: join(run.dir, "engine-data"),
    ENGINE_PUBLIC_URL: `http://127.0.0.1:${enginePort}`,
    ENGINE_CONCURRENCY: "2",
  };
  let engine = await startEngine(launcher, engineEnv);
  const platform = await startPlatform(run, {
    vars: {
      SUNO_API_BASE_URL: simUrl,
      ENGINE_URL: `http://127.0.0.1:${enginePort}`,
      MUSIC_PROVIDER: "suno",
      LYRICS_PROVIDER: "builtin",
      FAILOVER_CHAIN: "suno,internal",
      POLL_INITIAL_SECONDS: "1",
      POLL_MAX_SECONDS: "2",
      JOB_DEADLINE_SECONDS: String(opts.deadline),
      ADMIN_EMAILS: OPERATOR.email,
      ALERT_MIN_SAMPLE: "5",
    },
    secrets: { ENGINE_TOKEN: engineToken, ENGINE_WEBHOOK_SECRET: webhookSecret, ALERT_WEBHOOK_URL: receiver.url },
  });
  const base = platform.base;
  const operator = await operatorToken(base);
  const customer = await accountWithCredits(base, operator, 100_000, "faults");

  // wrangler dev fires no cron: this loop is the trigger (the sweep of stragglers, and the alerts).
  let crons = 0;
  let cronsOk = 0;
  let stopCron = false;
  const cronLoop = (async () => {
    while (!stopCron) {
      await sleep(5000);
      crons += 1;
      if (await platform.cron()) cronsOk += 1;
    }
  })();

  const routeTo = async (arms, failover, extra = {}) => {
    const res = await fetch(`${base}/api/admin/routing`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${operator}` },
      body: JSON.stringify({ arms: arms.map((provider) => ({ provider, weight: 1 })), failover, ...extra }),
    });
    if (!res.ok) throw new Error(`routing: HTTP ${res.status} ${await res.text()}`);
  };
  const accepted = [];
  let rejected = 0;
  async function order(phase, overrides = {}) {
    const ids = [];
    for (let i = 0; i < PER_PHASE; i++) {
      const res = await post(
        base,
        "/api/jobs",
        { ...ORDER, ...overrides },
        { token: customer.token, headers: { "idempotency-key": `faults-${randomUUID()}` } },
      ).catch(() => null);
      if (res?.status === 202) {
        ids.push(res.body.id);
        accepted.push({ id: res.body.id, phase });
      } else rejected += 1;
    }
    return ids;
  }
  const statusOf = async (id) => (await get(base, `/api/jobs/${id}`, customer.token).catch(() => null))?.body ?? null;
  async function waitFor(ids, predicate, timeoutMs) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const views = await Promise.all(ids.map(statusOf));
      if (views.every((v) => v && predicate(v)) || Date.now() > until) return views;
      await sleep(1000);
    }
  }
  const ended = (ids, timeoutMs = (opts.deadline + 60) * 1000) =>
    waitFor(ids, (v) => TERMINAL.has(v.status), timeoutMs);
  // Each phase starts with healthy engines: an earlier phase's open circuit would refuse its orders at
  // the door (503, Retry-After) before its fault is ever met. Clearing them is what a successful probe does.
  const healthy = () => platform.d1("delete from provider_health");
  const musicTasks = async () =>
    (await (await fetch(`${simUrl}/__sim/tasks`)).json())
      .filter((t) => t.kind === "music" && t.family === "hosted")
      .map((t) => t.taskId);
  const notes = {};

  // 1. The engine fails every song; no failover: refunded.
  log("phase fail");
  await routeTo(["suno"], []);
  await simulator(simUrl, { create: "ok", outcome: "fail", pollsToComplete: 1 });
  await ended(await order("fail"));

  // 2. Garbage on create: retried, then the music engine takes over.
  log("phase garbage");
  healthy();
  await routeTo(["suno"], ["internal"]);
  await simulator(simUrl, { create: "garbage", outcome: "success" });
  await ended(await order("garbage"));

  // 3. Callbacks twice, out of order.
  log("phase twice");
  healthy();
  await routeTo(["suno"], []);
  await simulator(simUrl, { create: "ok", outcome: "success", pollsToComplete: 4 });
  const before = new Set(await musicTasks());
  const twice = await order("twice");
  let delivered = 0;
  for (let round = 0; round < 3; round++) {
    await sleep(2000);
    for (const task of (await musicTasks()).filter((t) => !before.has(t))) {
      const results = await (
        await fetch(`${simUrl}/__sim/tasks/${task}/deliver-callbacks?order=duplicate`, { method: "POST" })
      ).json();
      delivered += results.filter((r) => r.status === 200).length;
    }
  }
  notes.twice = `${delivered} callbacks delivered (each twice)`;
  await ended(twice);

  // 4. The music engine killed mid-render.
  log("phase engine");
  healthy();
  await routeTo(["internal"], []);
  const engineJobs = await order("engine", { durationSeconds: 240 });
  await waitFor(engineJobs, (v) => v.status !== "QUEUED" && v.status !== "WRITING_LYRICS", 30_000);
  await sleep(1500);
  await run.stop(engine, 0, "SIGKILL");
  await sleep(5000);
  engine = await startEngine(launcher, engineEnv);
  notes.engine = "engine killed 1.5 s after the orders reached the music stage, back 5 s later";
  await ended(engineJobs);

  // 5. The Worker killed mid-job, restarted on the same state.
  log("phase worker");
  healthy();
  await routeTo(["suno"], []);
  await simulator(simUrl, { create: "ok", outcome: "success", pollsToComplete: 3 });
  const workerJobs = await order("worker");
  await waitFor(workerJobs, (v) => v.status === "GENERATING_MUSIC" || TERMINAL.has(v.status), 30_000);
  const restartMs = await platform.restart(2000);
  notes.worker = `wrangler dev killed while the orders made music, up again ${(restartMs / 1000).toFixed(1)} s after a 2 s pause`;
  await ended(workerJobs);

  // The engines-misbehave issue's faults, each with the music engine to fail over to: the words refused
  // (no failover, refunded), maintenance (455, three tries), busy answers (waited for), a hung task (its
  // stall limit), a take of the wrong length and audio that has expired (invalid results: next engine).
  const misbehaving = [
    ["refused", { create: "ok", outcome: "refused" }],
    ["maintenance", { create: "code455", outcome: "success" }],
    ["busy", { create: "ok", outcome: "success", busyCreates: 2 * PER_PHASE }],
    ["stalled", { create: "ok", outcome: "never" }],
    ["duration", { create: "ok", outcome: "success", clipSeconds: 900 }],
    ["expired", { create: "ok", outcome: "success", audio: "missing" }],
  ];
  for (const [phase, behaviour] of misbehaving) {
    log(`phase ${phase}`);
    healthy();
    await routeTo(["suno"], ["internal"], { stallSeconds: { suno: 10 } });
    await simulator(simUrl, { pollsToComplete: 1, ...behaviour });
    await ended(await order(phase));
    // Back to a well-behaved engine (the phase's orders have all ended).
    await fetch(`${simUrl}/__sim/reset`, { method: "POST" });
  }
  await routeTo(["suno"], []);

  // 6 and 7. Creates that hang, then tasks that never end: the deadline closes both.
  log("phase timeout + never");
  healthy();
  await simulator(simUrl, { create: "hang" });
  const hung = await order("timeout");
  await sleep(5000);
  await simulator(simUrl, { create: "ok", outcome: "never" });
  const never = await order("never");
  await ended([...hung, ...never]);

  stopCron = true;
  await cronLoop;
  // Everything, once more: an order of an earlier phase may still have been moving.
  const finals = await ended(
    accepted.map((a) => a.id),
    120_000,
  );
  const byId = new Map(finals.filter(Boolean).map((v) => [v.id, v]));

  // ---- the books, from D1 ----
  if (!/^usr_[0-9a-f-]+$/.test(customer.userId)) throw new Error(`unexpected user id ${customer.userId}`);
  const u = `'${customer.userId}'`;
  const [books] = platform.d1(`select
    (select count(*) from jobs where user_id = ${u}) as accepted,
    (select count(*) from jobs where user_id = ${u} and status in ('SUCCEEDED', 'FAILED', 'CANCELED', 'TIMED_OUT')) as terminal,
    (select coalesce(sum(amount), 0) from credit_ledger where user_id = ${u} and kind = 'hold') as reserved,
    (select coalesce(sum(amount), 0) from credit_ledger where user_id = ${u} and kind = 'capture') as debited,
    (select coalesce(sum(amount), 0) from credit_ledger where user_id = ${u} and kind = 'release') as refunded,
    (select coalesce(sum(h.amount), 0) from credit_ledger h where h.user_id = ${u} and h.kind = 'hold'
       and not exists (select 1 from credit_ledger s where s.job_id = h.job_id and s.kind in ('capture', 'release'))) as stillReserved,
    (select reserved from credit_balances where user_id = ${u}) as balanceReserved,
    (select balance from credit_balances where user_id = ${u}) as balance,
    (select coalesce(sum(amount), 0) from credit_ledger where user_id = ${u} and kind = 'grant') as granted,
    (select count(*) from (select job_id from credit_ledger where user_id = ${u} and kind = 'capture' group by job_id having count(*) > 1)) as duplicateDebits,
    (select count(*) from (select job_id from credit_ledger where user_id = ${u} and kind in ('capture', 'release') group by job_id having count(*) > 1)) as doubleSettled,
    (select count(*) from jobs j where user_id = ${u} and status = 'SUCCEEDED' and not exists (select 1 from credit_ledger c where c.job_id = j.id and c.kind = 'capture')) as deliveredUnpaid,
    (select count(*) from jobs j where user_id = ${u} and status != 'SUCCEEDED' and exists (select 1 from credit_ledger c where c.job_id = j.id and c.kind = 'capture')) as debitedWithoutSong,
    (select count(*) from (select l.job_id from job_logs l join jobs j on j.id = l.job_id, json_each(l.events) e where j.user_id = ${u} and json_extract(e.value, '$.type') = 'delivered' group by l.job_id having count(*) > 1)) as deliveredTwice,
    (select count(*) from provider_calls c join jobs j on j.id = c.job_id where j.user_id = ${u} and c.outcome = 'error') as failedCalls`);
  const b = Object.fromEntries(Object.entries(books).map(([k, v]) => [k, Number(v ?? 0)]));
  const invariants = [
    ["Jobs accepted (202) = jobs in D1", accepted.length, b.accepted, accepted.length === b.accepted],
    ["Jobs terminal = jobs accepted", b.terminal, b.accepted, b.terminal === b.accepted],
    [
      "Credits debited + refunded + still reserved = credits reserved",
      `${b.debited} + ${b.refunded} + ${b.stillReserved} = ${b.debited + b.refunded + b.stillReserved}`,
      b.reserved,
      b.debited + b.refunded + b.stillReserved === b.reserved,
    ],
    [
      "Still reserved = the balance's reserved column",
      b.stillReserved,
      b.balanceReserved,
      b.stillReserved === b.balanceReserved,
    ],
    ["Balance = granted − debited", b.balance, b.granted - b.debited, b.balance === b.granted - b.debited],
    ["Duplicate debits", b.duplicateDebits, 0, b.duplicateDebits === 0],
    ["Jobs both debited and refunded (or settled twice)", b.doubleSettled, 0, b.doubleSettled === 0],
    ["Songs delivered but not debited", b.deliveredUnpaid, 0, b.deliveredUnpaid === 0],
    ["Debited without a delivered song", b.debitedWithoutSong, 0, b.debitedWithoutSong === 0],
    ["Songs delivered twice", b.deliveredTwice, 0, b.deliveredTwice === 0],
  ];

  const phases = [
    "fail",
    "garbage",
    "twice",
    "engine",
    "worker",
    ...misbehaving.map(([phase]) => phase),
    "timeout",
    "never",
  ];
  const lines = [
    `Command: \`${command}\``,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.versions.node}; wrangler dev (local workerd), the Suno simulator, the music engine with the silent render thread; job deadline ${opts.deadline} s; sources at ${platform.revision}; 1-min load average ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
    "",
    "| Phase | Orders | How they ended | Errors | Notes |",
    "|---|---:|---|---|---|",
    ...phases.map((phase) => {
      const views = accepted.filter((a) => a.phase === phase).map((a) => byId.get(a.id));
      const errors = views.filter((v) => v?.error).map((v) => v.error.code);
      return `| ${phase} | ${views.length} | ${counts(views.map((v) => v?.status ?? "UNKNOWN"))} | ${errors.length ? counts(errors) : "–"} | ${notes[phase] ?? ""} |`;
    }),
    "",
    "| Invariant | Measured | Expected | Holds |",
    "|---|---:|---:|---|",
    ...invariants.map(
      ([name, measured, expected, ok]) => `| ${name} | ${measured} | ${expected} | ${ok ? "yes" : "**NO**"} |`,
    ),
    "",
    `Orders refused at the door: ${rejected}. Failed engine calls recorded: ${b.failedCalls}. Cron triggers fired by the script: ${cronsOk} of ${crons}. Alerts posted to the webhook: ${receiver.texts.length}. Total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    ...receiver.texts.map((t) => `- ${t}`),
  ];
  console.log(`\n${lines.join("\n")}\n`);
  platform.printNotable(10);
  receiver.close();
  const broken = invariants.filter(([, , , ok]) => !ok);
  if (broken.length) console.log(`BROKEN: ${broken.map(([name]) => name).join("; ")}`);
  return broken.length ? 1 : 0;
}

await run.main(main);
