// Live progress at scale: many Server-Sent-Events listeners on a few running jobs, and the delay from
// each transition (the event's server timestamp, taken when the job's object decides it) to its receipt
// by every listener. The Worker and this script share one machine, so one clock.
//
//   npx node bench/sse.mjs [--listeners 500] [--jobs 20] [--polls 6] [--timeout 240]
//   npx node bench/sse.mjs --url http://127.0.0.1:8787     # a stack started with ADMIN_EMAILS=bench-ops@refrain.local npm start
//
// Without --url it starts its own stack with the Suno simulator taking `--polls` polls per song, so each
// job stays in GENERATING_MUSIC for several progress events (lyrics come from the built-in writer). Listeners connect while the jobs run; only
// events that happened after a listener connected count as live (earlier ones are replayed, and counted
// apart). Exits non-zero if a listener failed, missed an event, or saw no terminal event.
import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
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
  post,
  Run,
  readCpu,
  requireNode,
  startPlatform,
  startSimulator,
  summary,
  TERMINAL,
} from "./lib.mjs";

requireNode("sse.mjs");
const { opts, command } = options(
  "sse.mjs",
  {
    listeners: { type: "string", default: "500" },
    jobs: { type: "string", default: "20" },
    polls: { type: "string", default: "6" },
    timeout: { type: "string", default: "240" },
    url: { type: "string" },
  },
  ["listeners", "jobs", "polls", "timeout"],
);
const run = new Run("sse");

async function main() {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  let base = opts.url?.replace(/\/$/, "");
  let platform = null;
  if (!base) {
    const simUrl = await startSimulator(run, { pollsToComplete: opts.polls });
    platform = await startPlatform(run, {
      vars: {
        SUNO_API_BASE_URL: simUrl,
        MUSIC_PROVIDER: "suno",
        LYRICS_PROVIDER: "builtin",
        POLL_INITIAL_SECONDS: "1",
        POLL_MAX_SECONDS: "1",
        ADMIN_EMAILS: OPERATOR.email,
      },
    });
    base = platform.base;
  }
  const customer = await accountWithCredits(base, await operatorToken(base), opts.jobs * 20, "sse");

  log(`${opts.jobs} orders`);
  const jobs = [];
  for (let i = 0; i < opts.jobs; i++) {
    const res = await post(base, "/api/jobs", ORDER, {
      token: customer.token,
      headers: { "idempotency-key": `sse-${randomUUID()}` },
    });
    if (res.status !== 202) throw new Error(`order: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    jobs.push(res.body.id);
  }

  log(`${opts.listeners} listeners, ${Math.ceil(opts.listeners / opts.jobs)} per job`);
  const cpu = readCpu(run.children);
  const t0 = performance.now();
  const listeners = await Promise.all(
    Array.from({ length: opts.listeners }, async (_, i) => {
      const jobId = jobs[i % jobs.length];
      const listener = { jobId, connectedAt: null, connectMs: null, events: [], error: null };
      const asked = performance.now();
      try {
        listener.events = await follow(base, customer.token, jobId, {
          signal: AbortSignal.timeout(opts.timeout * 1000),
          onOpen: () => {
            listener.connectedAt = Date.now();
            listener.connectMs = performance.now() - asked;
          },
        });
      } catch (err) {
        listener.error = err?.name === "TimeoutError" ? "timed out" : String(err?.message ?? err);
      }
      return listener;
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const usage = cpuSince(cpu);

  // Live events: those that happened after the listener was connected. Delay = receipt − server timestamp.
  const delays = [];
  let replayed = 0;
  const problems = [];
  const finalSeq = new Map();
  for (const l of listeners) {
    const last = l.events.at(-1);
    if (last && TERMINAL.has(last.status)) finalSeq.set(l.jobId, Math.max(finalSeq.get(l.jobId) ?? 0, last.seq));
  }
  for (const l of listeners) {
    if (l.error) problems.push(`${l.jobId}: ${l.error}`);
    const seqs = l.events.map((e) => e.seq);
    if (seqs.some((s, k) => k > 0 && s !== seqs[k - 1] + 1)) problems.push(`${l.jobId}: a gap in ${seqs.join(",")}`);
    if (!TERMINAL.has(l.events.at(-1)?.status))
      problems.push(`${l.jobId}: no terminal event (${l.events.length} events)`);
    else if (l.events.at(-1).seq !== finalSeq.get(l.jobId))
      problems.push(`${l.jobId}: ended at seq ${l.events.at(-1).seq}, others at ${finalSeq.get(l.jobId)}`);
    for (const e of l.events) {
      const at = Date.parse(e.at);
      if (l.connectedAt !== null && at >= l.connectedAt) delays.push(e.receivedAt - at);
      else replayed += 1;
    }
  }
  const delay = summary(delays);
  const connect = summary(listeners.filter((l) => l.connectMs !== null).map((l) => l.connectMs));
  const byType = {};
  for (const l of listeners)
    for (const e of l.events)
      if (l.connectedAt !== null && Date.parse(e.at) >= l.connectedAt)
        (byType[e.type] ??= []).push(e.receivedAt - Date.parse(e.at));

  const lines = [
    `Command: \`${command}\``,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.versions.node}; ${platform ? `wrangler dev (local workerd) started by the script, Suno simulator with pollsToComplete: ${opts.polls}, polls every second; sources at ${platform.revision}` : `the stack at ${base}`}; 1-min load average ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
    "",
    "| Measure | n | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | mean (ms) |",
    "|---|---:|---:|---:|---:|---:|---:|",
    `| Transition → receipt, every live event | ${delay.n} | ${ms(delay.p50)} | ${ms(delay.p90)} | ${ms(delay.p99)} | ${ms(delay.max)} | ${ms(delay.mean)} |`,
    ...Object.entries(byType).map(([type, values]) => {
      const s = summary(values);
      return `| &nbsp;&nbsp;\`${type}\` | ${s.n} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.mean)} |`;
    }),
    `| Connection (request → stream open) | ${connect.n} | ${ms(connect.p50)} | ${ms(connect.p90)} | ${ms(connect.p99)} | ${ms(connect.max)} | ${ms(connect.mean)} |`,
    "",
    `${listeners.length} listeners on ${jobs.length} jobs; ${listeners.filter((l) => !l.error && TERMINAL.has(l.events.at(-1)?.status)).length} saw their job to its end without a gap; ${replayed} events were replays of what happened before a listener connected (not counted above). All done in ${wall.toFixed(1)} s; cores used, this run / others: ${cpuText(usage)}. Total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  ];
  console.log(`\n${lines.join("\n")}\n`);
  platform?.printNotable();
  if (problems.length) {
    console.log(`PROBLEMS (${problems.length}):`);
    for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  }
  return problems.length ? 1 : 0;
}

await run.main(main);
