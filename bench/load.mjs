// Job creation under load, with autocannon: the rate at which POST /api/jobs accepts orders and its
// latency percentiles, beside GET /health (a bare route of the same Worker) as the floor; then every
// accepted order is followed to its end, and the operators' metrics endpoint reports the window.
//
//   npx node bench/load.mjs [--seconds 20] [--connections 10] [--drain-timeout 600]
//   npx node bench/load.mjs --url http://127.0.0.1:8787     # a stack started with ADMIN_EMAILS=bench-ops@refrain.local npm start
//
// Without --url it starts its own: the Suno simulator finishing each task on its first poll, and the
// Worker under wrangler dev (bench/lib.mjs). Exits non-zero if an accepted order did not succeed.

import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import {
  accountWithCredits,
  counts,
  cpuSince,
  cpuText,
  get,
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
  TERMINAL,
} from "./lib.mjs";

requireNode("load.mjs");
const { opts, command } = options(
  "load.mjs",
  {
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "10" },
    "drain-timeout": { type: "string", default: "600" },
    url: { type: "string" },
  },
  ["seconds", "connections", "drain-timeout"],
);
const run = new Run("load");

/** autocannon over `seconds`; `onAccepted` sees each 202's body. */
function cannon(base, seconds, request, onAccepted = () => {}) {
  return autocannon({
    url: base,
    connections: opts.connections,
    duration: seconds,
    requests: [{ ...request, onResponse: (status, body) => status === 202 && onAccepted(body) }],
  });
}

const row = (name, r, cpu) =>
  `| ${name} | ${r.requests.average.toFixed(1)} | ${r["2xx"]} | ${r.non2xx} | ${r.errors + r.timeouts} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p99} | ${r.latency.max} | ${cpuText(cpu)} |`;

async function main() {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  let base = opts.url?.replace(/\/$/, "");
  let platform = null;
  if (!base) {
    const simUrl = await startSimulator(run, { pollsToComplete: 1 });
    platform = await startPlatform(run, {
      vars: {
        SUNO_API_BASE_URL: simUrl,
        MUSIC_PROVIDER: "suno",
        LYRICS_PROVIDER: "suno",
        POLL_INITIAL_SECONDS: "0",
        POLL_MAX_SECONDS: "1",
        ADMIN_EMAILS: OPERATOR.email,
      },
    });
    base = platform.base;
  }
  const operator = await operatorToken(base);
  const customer = await accountWithCredits(base, operator, 100_000, "load");
  const order = {
    method: "POST",
    path: "/api/jobs",
    headers: { "content-type": "application/json", authorization: `Bearer ${customer.token}` },
    body: JSON.stringify(ORDER),
    // A fresh Idempotency-Key per order: each request is a new order, not a replay.
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, "idempotency-key": `load-${randomUUID()}` } }),
  };
  const accepted = [];
  const keep = (body) => accepted.push(JSON.parse(body).id);

  log(`warm-up: 2 s of each`);
  await cannon(base, 2, { method: "GET", path: "/health" });
  await cannon(base, 2, order, keep);
  log(`GET /health, ${opts.connections} connections × ${opts.seconds} s`);
  let cpu = readCpu(run.children);
  const health = await cannon(base, opts.seconds, { method: "GET", path: "/health" });
  const healthCpu = cpuSince(cpu);
  log(`POST /api/jobs, ${opts.connections} connections × ${opts.seconds} s`);
  const before = accepted.length;
  cpu = readCpu(run.children);
  const orders = await cannon(base, opts.seconds, order, keep);
  const ordersCpu = cpuSince(cpu);
  const measured = accepted.length - before;

  log(`following the ${accepted.length} accepted orders to their end`);
  const t0 = performance.now();
  const status = new Map(accepted.map((id) => [id, "QUEUED"]));
  let lastReport = 0;
  for (;;) {
    const pending = [...status].filter(([, s]) => !TERMINAL.has(s)).map(([id]) => id);
    if (!pending.length || performance.now() - t0 > opts["drain-timeout"] * 1000) break;
    await pool(pending.length, 5, async (k) => {
      const res = await get(base, `/api/jobs/${pending[k]}`, customer.token).catch(() => null);
      if (res?.status === 200) status.set(pending[k], res.body.status);
    });
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      log(`  ${accepted.length - pending.length}/${accepted.length} finished`);
    }
    await sleep(1000);
  }
  const drainSeconds = (performance.now() - t0) / 1000;
  const finals = [...status.values()].map((s) => (TERMINAL.has(s) ? s : `STUCK_${s}`));
  const metrics = (await get(base, "/api/admin/metrics?window=1h", operator)).body;

  const lines = [
    `Command: \`${command}\``,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.versions.node}, autocannon 9; ${platform ? `wrangler dev (local workerd) started by the script, Suno simulator with pollsToComplete: 1; sources at ${platform.revision}` : `the stack at ${base}`}; 1-min load average ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
    "",
    `| ${opts.connections} connections, ${opts.seconds} s | requests/s | 2xx | non-2xx | errors | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | cores used, this run / others |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    row("GET /health (bare route)", health, healthCpu),
    row("POST /api/jobs (202)", orders, ordersCpu),
    "",
    `Ratio POST /api/jobs ÷ GET /health: **${(orders.requests.average / health.requests.average).toFixed(3)}**. Orders accepted in the measured ${opts.seconds} s: ${measured}; with the warm-up: ${accepted.length}.`,
    `All ${accepted.length} followed to their end in ${drainSeconds.toFixed(1)} s after the load stopped: ${counts(finals)}.`,
    `GET /api/admin/metrics?window=1h afterwards: success rate ${metrics.jobs.successRate === null ? "–" : `${(metrics.jobs.successRate * 100).toFixed(1)} %`}, generation time mean ${ms(metrics.generation.meanMs)} ms / p95 ${ms(metrics.generation.p95Ms)} ms over ${metrics.generation.songs} songs; credits reserved ${metrics.credits.reserved}, debited ${metrics.credits.debited}, refunded ${metrics.credits.refunded}, held now ${metrics.credits.reservedNow}.`,
    `Total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  ];
  console.log(`\n${lines.join("\n")}\n`);
  platform?.printNotable();
  const failed = finals.filter((s) => s !== "SUCCEEDED").length;
  if (failed) console.log(`FAILURES: ${failed} of ${accepted.length} orders did not succeed`);
  return failed || orders.non2xx || orders.errors ? 1 : 0;
}

await run.main(main);
