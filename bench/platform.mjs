// Platform benchmark: the whole Worker under `wrangler dev` (local D1, R2, Queues, Durable Objects)
// against the Suno simulator as an instant provider (every task done on its first poll).
//
//   npx node bench/platform.mjs [--jobs 200] [--concurrency 10] [--clients 20] [--seconds 10] [--log wrangler.log]
//
// 1. end-to-end latency: N orders, C in flight, each timed from POST /api/jobs to its terminal SSE event;
// 2. throughput: POST /api/jobs against the bare GET /health route, same clients, same duration, same run;
//    then the orders of part 2 are followed until they all finish (the pipeline's rate with a backlog);
// 3. the request alone: the same two loops again, with the song pipeline held back while they run. In
//    production the queue consumers are invocations of their own; under wrangler dev they share one workerd
//    with the requests. So the Worker is restarted on the same state with a delivery delay on the lyrics
//    queue, every order's first step, longer than the phase (wrangler hands a producer's `delivery_delay` to
//    its local queue; in production the same is `wrangler queues update --delivery-delay-secs`, or
//    `queues pause-delivery`): each order is accepted, its job's object takes it over, and its first step
//    waits in the queue until the loop is over. The orders are then followed until they all finish.
// Everything runs from a temporary directory that is removed at the end (bench/lib.mjs): D1/R2/DO state,
// secrets, and a copy of the Worker's sources, so that edits made to the working tree during a run do
// not make `wrangler dev` reload in the middle of a measurement.
// Exits non-zero if any order did not reach SUCCEEDED.
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import {
  accountWithCredits,
  cpuSince,
  cpuText,
  follow,
  log,
  ms,
  OPERATOR,
  ORDER,
  operatorToken,
  options,
  pool,
  Run,
  readCpu,
  requireNode,
  sleep,
  startPlatform,
  startSimulator,
  summary,
  TERMINAL,
} from "./lib.mjs";

requireNode("platform.mjs", [22, 6]);
const { opts, command } = options(
  "platform.mjs",
  {
    jobs: { type: "string", default: "200" },
    concurrency: { type: "string", default: "10" },
    clients: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    "job-timeout": { type: "string", default: "180" },
    "drain-timeout": { type: "string", default: "600" },
    log: { type: "string" },
  },
  ["jobs", "concurrency", "clients", "seconds", "job-timeout", "drain-timeout"],
);
const JOBS = opts.jobs;
const CONCURRENCY = opts.concurrency;
const CLIENTS = opts.clients;
const SECONDS = opts.seconds;
const JOB_TIMEOUT_MS = opts["job-timeout"] * 1000;
const DRAIN_TIMEOUT_MS = opts["drain-timeout"] * 1000;
const GRANT = 100_000;
const run = new Run("bench");

// ---- load generation ---------------------------------------------------------------------------

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
  return {
    ok: latencies.length,
    rate: latencies.length / elapsed,
    elapsed,
    statuses,
    errors,
    slow,
    ...summary(latencies),
  };
}

/** Follows orders by polling their view until every one is finished (or the drain timeout); what they ended as. */
async function drain(ids, base, auth) {
  const t0 = performance.now();
  const status = new Map(ids.map((id) => [id, "QUEUED"]));
  let lastReport = 0;
  for (;;) {
    const pending = [...status].filter(([, s]) => !TERMINAL.has(s)).map(([id]) => id);
    if (!pending.length || performance.now() - t0 > DRAIN_TIMEOUT_MS) break;
    await pool(pending.length, 5, async (k) => {
      const res = await fetch(`${base}/api/jobs/${pending[k]}`, { headers: auth }).catch(() => null);
      if (res?.ok) status.set(pending[k], (await res.json()).status);
    });
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      log(`  ${[...status.values()].filter((s) => TERMINAL.has(s)).length}/${ids.length} finished`);
    }
    await sleep(1000);
  }
  const byStatus = {};
  for (const s of status.values()) {
    const key = TERMINAL.has(s) ? s : `STUCK_${s}`;
    byStatus[key] = (byStatus[key] ?? 0) + 1;
  }
  return {
    seconds: (performance.now() - t0) / 1000,
    byStatus,
    failures: [...status].filter(([, s]) => s !== "SUCCEEDED"),
  };
}

// ---- the run -----------------------------------------------------------------------------------

async function main() {
  const t = performance.now();
  const loadBefore = loadavg()[0];

  // 1. Simulator, in its own process so its work does not share the load generator's event loop.
  const simUrl = await startSimulator(run, { pollsToComplete: 1 });
  log(`simulator on ${simUrl} (pollsToComplete: 1)`);

  // 2. A snapshot of the Worker, secrets in the temp dir, migrations, wrangler dev.
  const platform = await startPlatform(run, {
    vars: {
      SUNO_API_BASE_URL: simUrl,
      MUSIC_PROVIDER: "suno",
      LYRICS_PROVIDER: "suno",
      POLL_INITIAL_SECONDS: "1",
      POLL_MAX_SECONDS: "1",
      ADMIN_EMAILS: OPERATOR.email,
    },
    ...(opts.log ? { logPath: resolve(opts.log) } : {}),
  });
  const { base, revision, timings } = platform;
  const reloadsAtStart = platform.reloads();

  // 3. An account with credits, granted by the operator.
  let t0 = performance.now();
  const { token } = await accountWithCredits(base, await operatorToken(base), GRANT);
  timings.grantMs = performance.now() - t0;
  const auth = { authorization: `Bearer ${token}` };

  const postJob = () =>
    fetch(`${base}/api/jobs`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", "idempotency-key": `bench-${randomUUID()}` },
      body: JSON.stringify(ORDER),
    });

  // 4. End-to-end latency.
  log(`end-to-end: ${JOBS} orders, ${CONCURRENCY} in flight`);
  const results = [];
  t0 = performance.now();
  const e2eCpuStart = readCpu(run.children);
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
        result.events = await follow(base, token, body.id, { signal });
      } catch (err) {
        result.error = `events: ${err?.name === "TimeoutError" ? "timed out" : String(err)}`;
      }
      const last = result.events.at(-1);
      if (last && TERMINAL.has(last.status)) {
        result.status = last.status;
        result.latency = last.receivedPerf - started;
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
  let cpuStart = readCpu(run.children);
  const health = await closedLoop(CLIENTS, SECONDS, () => fetch(`${base}/health`));
  health.cpu = cpuSince(cpuStart);
  const loadJobs = [];
  const keep = (text) => loadJobs.push(JSON.parse(text).id);
  await closedLoop(CLIENTS, 1, postJob, keep);
  cpuStart = readCpu(run.children);
  const orders = await closedLoop(CLIENTS, SECONDS, postJob, keep);
  orders.cpu = cpuSince(cpuStart);
  const ratio = orders.rate / health.rate;

  // The orders of part 2 are still in the pipeline: follow them all to the end.
  log(`draining the ${loadJobs.length} orders of the throughput phase`);
  const loadDrain = await drain(loadJobs, base, auth);

  // 6. The request alone: the same loops with the pipeline held back (see the top of this file).
  const held = SECONDS + 5;
  const toml = readFileSync(platform.configPath, "utf8");
  writeFileSync(
    platform.configPath,
    toml.replace(
      /^(\[\[queues\.producers\]\]\nbinding = "\w+"\nqueue = "refrain-lyrics"\n)/gm,
      `$1delivery_delay = ${held}\n`,
    ),
  );
  log(`request alone: wrangler dev restarted with the lyrics queue's deliveries delayed ${held} s`);
  await platform.restart();
  await closedLoop(CLIENTS, 1, () => fetch(`${base}/health`));
  cpuStart = readCpu(run.children);
  const healthAlone = await closedLoop(CLIENTS, SECONDS, () => fetch(`${base}/health`));
  healthAlone.cpu = cpuSince(cpuStart);
  const aloneJobs = [];
  const keepAlone = (text) => aloneJobs.push(JSON.parse(text).id);
  const aloneStarted = performance.now();
  await closedLoop(CLIENTS, 1, postJob, keepAlone);
  cpuStart = readCpu(run.children);
  const ordersAlone = await closedLoop(CLIENTS, SECONDS, postJob, keepAlone);
  ordersAlone.cpu = cpuSince(cpuStart);
  // Nothing may have reached a consumer before the loop ended, or this phase measured some pipeline too.
  const heldThrough = (performance.now() - aloneStarted) / 1000 < held;
  const ratioAlone = ordersAlone.rate / healthAlone.rate;
  log(`draining the ${aloneJobs.length} orders of the request-alone phase`);
  const aloneDrain = await drain(aloneJobs, base, auth);

  // ---- report ----
  const totalSeconds = (performance.now() - t) / 1000;
  const lines = [];
  lines.push(`Command: \`${command}\``);
  lines.push(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.versions.node}, wrangler dev (local workerd), Suno simulator with pollsToComplete: 1; sources at ${revision}; 1-min load average ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
  );
  lines.push("");
  lines.push("| Measure | n | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | Notes |");
  lines.push("|---|---:|---:|---:|---:|---:|---|");
  lines.push(
    `| End-to-end, POST → SUCCEEDED event | ${e2e.n} | ${ms(e2e.p50)} | ${ms(e2e.p90)} | ${ms(e2e.p99)} | ${ms(e2e.max)} | ${CONCURRENCY} in flight; ${JOBS} orders in ${e2eWall.toFixed(1)} s (${(JOBS / e2eWall).toFixed(1)} songs/s); cores used, this run / others: ${cpuText(e2eCpu)} |`,
  );
  lines.push(
    `| POST /api/jobs response (during end-to-end) | ${post.n} | ${ms(post.p50)} | ${ms(post.p90)} | ${ms(post.p99)} | ${ms(post.max)} | |`,
  );
  for (const key of stageOrder) {
    const s = summary(stages[key]);
    lines.push(
      `| &nbsp;&nbsp;queued → \`${key}\` (server clock) | ${s.n} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} | |`,
    );
  }
  lines.push("");
  lines.push(
    `End-to-end statuses: ${Object.entries(byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  lines.push("");
  lines.push(
    `| Throughput (${CLIENTS} clients, ${SECONDS} s) | requests/s | ok | p50 (ms) | p99 (ms) | max (ms) | > 1 s | cores used, this run / others | statuses |`,
  );
  lines.push("|---|---:|---:|---:|---:|---:|---:|---|---|");
  const row = (name, r) =>
    `| ${name} | ${r.rate.toFixed(1)} | ${r.ok} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.slow} | ${cpuText(r.cpu)} | ${Object.entries(
      r.statuses,
    )
      .map(([k, v]) => `${k}×${v}`)
      .join(" ")}${Object.keys(r.errors).length ? ` errors: ${JSON.stringify(r.errors)}` : ""} |`;
  lines.push(row("GET /health (bare route)", health));
  lines.push(row("POST /api/jobs (202), the pipeline working beside it", orders));
  lines.push(row("GET /health (bare route), after the restart", healthAlone));
  lines.push(row(`POST /api/jobs (202), the request alone (first steps held ${held} s)`, ordersAlone));
  lines.push("");
  const times = (r) => `${r.toFixed(3)} (${(1 / r).toFixed(1)}× slower)`;
  lines.push(`Ratio POST /api/jobs ÷ GET /health, the pipeline working beside it: **${times(ratio)}**`);
  lines.push(`Ratio POST /api/jobs ÷ GET /health, the request alone: **${times(ratioAlone)}**`);
  if (!heldThrough)
    lines.push(
      "**The request-alone loop outlasted the queues' delay: some steps ran during it, and its ratio includes them.**",
    );
  lines.push("");
  lines.push(
    `Setup: migrations ${(timings.migrationsMs / 1000).toFixed(1)} s, wrangler dev ready in ${(timings.startMs / 1000).toFixed(1)} s, credit grant (admin API) ${(timings.grantMs / 1000).toFixed(1)} s; total ${totalSeconds.toFixed(0)} s`,
  );
  const ended = (d) =>
    Object.entries(d.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  lines.push(
    `Orders of the throughput phase (incl. warm-up): ${loadJobs.length}, followed to the end in ${loadDrain.seconds.toFixed(1)} s after the load stopped: ${ended(loadDrain)}`,
  );
  lines.push(
    `Orders of the request-alone phase (incl. warm-up): ${aloneJobs.length}, followed to the end in ${aloneDrain.seconds.toFixed(1)} s after the load stopped (their first steps held ${held} s): ${ended(aloneDrain)}`,
  );
  if (platform.reloads() > reloadsAtStart)
    lines.push(
      `**wrangler dev reloaded the Worker ${platform.reloads() - reloadsAtStart} time(s) during the run: these figures include a reload.**`,
    );
  console.log(`\n${lines.join("\n")}\n`);

  const failures = results.filter((r) => r.status !== "SUCCEEDED");
  if (failures.length) {
    console.log(`FAILURES: ${failures.length} of ${JOBS} end-to-end orders did not succeed`);
    for (const f of failures.slice(0, 20))
      console.log(
        `  #${f.i} ${f.jobId ?? "(no job)"} ${f.status}: ${f.error ?? ""} events: ${f.events.map((e) => e.type).join(",")}`,
      );
  }
  for (const [phase, ids, d] of [
    ["throughput-phase", loadJobs, loadDrain],
    ["request-alone-phase", aloneJobs, aloneDrain],
  ]) {
    if (!d.failures.length) continue;
    console.log(`FAILURES: ${d.failures.length} of ${ids.length} ${phase} orders did not succeed`);
    for (const [id, s] of d.failures.slice(0, 20)) console.log(`  ${id} ${s}`);
  }
  platform.printNotable();
  if (opts.log) console.log(`wrangler dev output saved to ${resolve(opts.log)}`);
  return failures.length || loadDrain.failures.length || aloneDrain.failures.length ? 1 : 0;
}

await run.main(main);
