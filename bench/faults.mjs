// Fault run: orders placed while the engines misbehave and the processes die, then the books are
// checked. Every accepted order must end (SUCCEEDED, FAILED, TIMED_OUT or CANCELED); no order may be
// settled twice; an order is charged for the song it got (a sung order delivered as an instrumental
// pays the instrumental price; nothing is debited whose audio is not in R2, byte for byte); every
// account's balance is what its ledger says.
//
//   npx node bench/faults.mjs [--orders 1000] [--fault-share 0.3] [--concurrency 32] [--deadline 120]
//                             [--accounts 8] [--seed 1] [--breaker-rate 0.8] [--out FILE]
//
// It starts its own stack (bench/lib.mjs): the Suno simulator (both families), the music engine with a
// render thread that makes short silent songs instead of music (engine/test-fixtures/sleepy-thread.mjs),
// the Worker under wrangler dev, and a webhook receiver standing in for Slack. It fires the cron trigger
// itself every 5 s (wrangler dev does not). Routing: the hosted Suno API and the self-hosted wrapper as
// A/B arms (3:1, sticky per account), failing over to the music engine, then the instrumental engine;
// Suno's stall limit is 10 s. The breaker opens at `--breaker-rate` failed calls of 20 (the default
// breaker, 0.5, opens Suno's circuits under 30 % faults and sends most orders to the music engine,
// where the faults, being Suno's, are never met).
//
// One mixed run: `--orders` orders of 30 s songs (a tenth instrumental), `--concurrency` at a time,
// from `--accounts` accounts. A share of them (`--fault-share`, drawn with `--seed`) carries one fault
// of FAULTS, as a style tag the simulator reads from the request it receives (`sim-fault-<name>-<key>`);
// the product passes the tag on as it passes any style and knows nothing of it. At set moments (1/5,
// 2/5, 3/5, 4/5 of the orders placed) the music engine is killed (SIGKILL) and is back 5 s later, or
// the Worker (wrangler dev, workerd) is killed (SIGKILL) and restarted on its state; clients retry with
// the same Idempotency-Key, as a client does after a timeout. Prints (and with --out writes) the
// tables for docs/reliability.md; exits non-zero if an invariant is broken.

import { createHash, randomBytes } from "node:crypto";
import { symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { bundleForNode } from "../scripts/load-ts.mjs";
import {
  accountWithCredits,
  alive,
  counts,
  freePort,
  log,
  OPERATOR,
  ORDER,
  operatorToken,
  options,
  pool,
  Run,
  requireNode,
  root,
  sleep,
  startPlatform,
  startSimulator,
  summary,
  TERMINAL,
} from "./lib.mjs";

requireNode("faults.mjs");
const { opts, command } = options(
  "faults.mjs",
  {
    orders: { type: "string", default: "1000" },
    "fault-share": { type: "string", default: "0.3" },
    concurrency: { type: "string", default: "32" },
    deadline: { type: "string", default: "120" },
    accounts: { type: "string", default: "8" },
    seed: { type: "string", default: "1" },
    "breaker-rate": { type: "string", default: "0.8" },
    out: { type: "string" },
  },
  ["orders", "fault-share", "concurrency", "deadline", "accounts", "seed", "breaker-rate"],
);
const run = new Run("faults");

/** The faults an order can carry (the simulator's per-task faults, test/simulators/suno.ts). */
const FAULTS = {
  refused: "the words are refused (hosted code 400: copyrighted lyrics or sensitive words)",
  sensitive: "content policy (hosted SENSITIVE_WORD_ERROR, the wrapper's error text)",
  fail: "generation fails (GENERATE_AUDIO_FAILED, code 501)",
  fail531: "generation fails, the engine saying it refunded (code 531)",
  garbage: "every create is answered with an HTML 502 page",
  maintenance: "every create answers 455 (maintenance; the wrapper 503)",
  busy: "the first two creates answer 430 (the wrapper 429) with Retry-After 1 s",
  stalled: "the task stops at its first take and never ends",
  never: "the task never leaves PENDING and never calls back",
  duration: "the takes report 900 s (Suno makes 8 min at most)",
  expired: "the takes' audio answers 404",
  twice: "callbacks are posted out of order, then each twice (hosted API only)",
  timeout: "the order's first create hangs past the adapter's 20 s timeout",
};
/** Processes killed with SIGKILL once this share of the orders has been placed. */
const KILLS = [
  [0.2, "engine"],
  [0.4, "worker"],
  [0.6, "engine"],
  [0.8, "worker"],
];
/** The failure codes of refused words (domain/failures.ts, class "rejected"): never another engine. */
const REJECTED = ["content_refused", "copyright_refused", "lyrics_invalid"];
const INSTRUMENTAL_ENGINES = new Set(["instrumental", "internal-instrumental", "mubert"]);
const SUNO = new Set(["suno", "suno-wrapper"]);
const CREDITS_PER_SONG = 10;
const CREDITS_PER_INSTRUMENTAL = 5;
/** Suno makes 8 minutes at most: a longer take delivered is a take of the wrong length. */
const LONGEST_TAKE_SECONDS = 480;

/** A small seeded generator (mulberry32), so a run's faults can be drawn again. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which order gets which fault (null: clean) and which orders are instrumental, for `count` orders. */
function plan(count, share, rand) {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const names = Object.keys(FAULTS);
  const faulty = Math.round(count * share);
  const fault = Array(count).fill(null);
  order.slice(0, faulty).forEach((index, k) => {
    fault[index] = names[k % names.length];
  });
  return Array.from({ length: count }, (_, i) => ({
    index: i,
    fault: fault[i],
    instrumental: rand() < 0.1,
  }));
}

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
  await bundleForNode(entry, outfile);
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

const sqlList = (ids) => ids.map((id) => `'${id}'`).join(", ");

async function main() {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const loadSamples = [];
  const loadTimer = setInterval(() => loadSamples.push(loadavg()[0]), 10_000);
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
      SUNO_WRAPPER_BASE_URL: simUrl,
      ENGINE_URL: `http://127.0.0.1:${enginePort}`,
      MUSIC_PROVIDER: "suno",
      LYRICS_PROVIDER: "builtin",
      FAILOVER_CHAIN: "internal,instrumental",
      POLL_INITIAL_SECONDS: "1",
      POLL_MAX_SECONDS: "2",
      JOB_DEADLINE_SECONDS: String(opts.deadline),
      CREDITS_PER_SONG: String(CREDITS_PER_SONG),
      CREDITS_PER_INSTRUMENTAL: String(CREDITS_PER_INSTRUMENTAL),
      ADMIN_EMAILS: OPERATOR.email,
      ALERT_MIN_SAMPLE: "5",
    },
    secrets: { ENGINE_TOKEN: engineToken, ENGINE_WEBHOOK_SECRET: webhookSecret, ALERT_WEBHOOK_URL: receiver.url },
  });
  const base = platform.base;
  const operator = await operatorToken(base);
  const accounts = [];
  for (let i = 0; i < opts.accounts; i++)
    accounts.push(await accountWithCredits(base, operator, 100_000, `faults${i}`));
  const routing = await fetch(`${base}/api/admin/routing`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${operator}` },
    body: JSON.stringify({
      arms: [
        { provider: "suno", weight: 3 },
        { provider: "suno-wrapper", weight: 1 },
      ],
      failover: ["internal", "instrumental"],
      stallSeconds: { suno: 10, "suno-wrapper": 10 },
      breaker: { failureRate: Math.min(1, opts["breaker-rate"]) },
    }),
  });
  if (!routing.ok) throw new Error(`routing: HTTP ${routing.status} ${await routing.text()}`);

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

  // ---- the kills, at set shares of the orders placed ----
  const kills = [];
  let killing = Promise.resolve();
  let inFlight = 0;
  const kill = (what) => {
    killing = killing.then(async () => {
      const at = (performance.now() - started) / 1000;
      const busy = inFlight;
      if (what === "engine") {
        await run.stop(engine, 0, "SIGKILL");
        await sleep(5000);
        engine = await startEngine(launcher, engineEnv);
        kills.push(`${at.toFixed(0)} s: music engine killed with ${busy} orders in flight, back 5 s later`);
      } else {
        const ms = await platform.restart(2000);
        kills.push(
          `${at.toFixed(0)} s: wrangler dev (workerd) killed with ${busy} orders in flight, answering again ${(ms / 1000).toFixed(1)} s after a 2 s pause`,
        );
      }
      log(kills.at(-1));
    });
  };

  // ---- the orders ----
  const orders = plan(opts.orders, opts["fault-share"], random(opts.seed));
  const endBy = (opts.deadline + 180) * 1000;
  let placed = 0;
  let nextKill = 0;
  const door = { retries: 0, replayed: 0, refused: [] };

  /** Places the order, retrying with the same key (and body) through restarts, until a 202 or a refusal. */
  async function place(o) {
    const account = accounts[o.index % accounts.length];
    o.account = account;
    const tag = o.fault ? [`sim-fault-${o.fault}-${o.index.toString(36)}`] : [];
    const body = {
      ...ORDER,
      styleTags: ["pop", ...tag],
      durationSeconds: 30,
      ...(o.instrumental ? { vocal: "instrumental" } : {}),
    };
    const key = `faults-${opts.seed}-${o.index}-${randomBytes(6).toString("hex")}`;
    for (const until = Date.now() + 180_000; Date.now() < until; ) {
      const res = await fetch(`${base}/api/jobs`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${account.token}`,
          "idempotency-key": key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      }).catch(() => null);
      const json = res ? await res.json().catch(() => null) : null;
      // A 202 whose body was cut (workerd killed mid-answer) is asked again with the same key: it replays.
      if (res?.status === 202 && json?.id) {
        if (res.headers.get("idempotent-replayed") === "true") door.replayed += 1;
        o.id = json.id;
        o.placedAt = performance.now();
        return true;
      }
      if (res && res.status < 500 && res.status !== 409 && res.status !== 429) {
        door.refused.push(`${res.status} ${json?.error?.code ?? ""}`);
        return false;
      }
      door.retries += 1;
      await sleep(Math.max(1, Number(res?.headers.get("retry-after")) || 1) * 1000);
    }
    door.refused.push("no answer for 180 s");
    return false;
  }

  const statusOf = async (o) => {
    const res = await fetch(`${base}/api/jobs/${o.id}`, {
      headers: { authorization: `Bearer ${o.account.token}` },
      signal: AbortSignal.timeout(30_000),
    }).catch(() => null);
    return res?.ok ? await res.json().catch(() => null) : null;
  };

  await pool(orders.length, opts.concurrency, async (i) => {
    const o = orders[i];
    placed += 1;
    while (nextKill < KILLS.length && placed >= KILLS[nextKill][0] * orders.length) kill(KILLS[nextKill++][1]);
    inFlight += 1;
    try {
      if (!(await place(o))) return;
      for (;;) {
        await sleep(2000);
        const view = await statusOf(o);
        if (view && TERMINAL.has(view.status)) {
          o.view = view;
          o.endedAt = performance.now();
          return;
        }
        if (performance.now() - o.placedAt > endBy) return;
      }
    } finally {
      inFlight -= 1;
    }
  });
  await killing;
  // Whatever had not ended when its client gave up, once more.
  const pending = orders.filter((o) => o.id && !o.view);
  for (const until = Date.now() + 180_000; pending.some((o) => !o.view) && Date.now() < until; await sleep(2000))
    for (const o of pending.filter((p) => !p.view)) {
      const view = await statusOf(o);
      if (view && TERMINAL.has(view.status)) o.view = view;
    }
  stopCron = true;
  await cronLoop;
  const ordersDone = performance.now();
  log(`orders done in ${((ordersDone - started) / 1000).toFixed(0)} s; reading the books`);

  // ---- the books, from D1 ----
  const users = accounts.map((a) => a.userId);
  for (const u of users) if (!/^usr_[0-9a-f-]+$/.test(u)) throw new Error(`unexpected user id ${u}`);
  const jobs =
    platform.d1(`select j.id, j.user_id as userId, j.status, j.credits, j.provider, j.error_code as errorCode,
      g.vocal, json_extract(j.providers_tried, '$[0]') as firstEngine,
      (select count(*) from job_logs l, json_each(l.events) e where l.job_id = j.id and json_extract(e.value, '$.type') = 'failover'
         and json_extract(e.value, '$.data.failover.code') in (${sqlList(REJECTED)})) as refusedThenMoved,
      (select group_concat(json_extract(e.value, '$.data.failover.code')) from job_logs l, json_each(l.events) e where l.job_id = j.id and json_extract(e.value, '$.type') = 'failover') as failovers,
      (select count(*) from credit_ledger l where l.job_id = j.id and l.kind = 'hold') as holds,
      (select coalesce(sum(amount), 0) from credit_ledger l where l.job_id = j.id and l.kind = 'hold') as held,
      (select count(*) from credit_ledger l where l.job_id = j.id and l.kind = 'capture') as captures,
      (select coalesce(sum(amount), 0) from credit_ledger l where l.job_id = j.id and l.kind = 'capture') as captured,
      (select count(*) from credit_ledger l where l.job_id = j.id and l.kind = 'release' and l.entry_key = 'settle:' || j.id) as refunds,
      (select count(*) from credit_ledger l where l.job_id = j.id and l.kind = 'release' and l.entry_key != 'settle:' || j.id) as differences,
      (select coalesce(sum(amount), 0) from credit_ledger l where l.job_id = j.id and l.kind = 'release') as released,
      (select count(*) from tracks t where t.job_id = j.id) as tracks,
      (select group_concat(distinct t.provider) from tracks t where t.job_id = j.id) as trackEngines,
      (select max(t.duration_seconds) from tracks t where t.job_id = j.id) as longest,
      (select count(*) from job_logs l, json_each(l.events) e where l.job_id = j.id and json_extract(e.value, '$.type') = 'delivered') as deliveredEvents
    from jobs j join generations g on g.job_id = j.id where j.user_id in (${sqlList(users)})`);
  const tracks = platform.d1(
    `select id, job_id as jobId, user_id as userId, size_bytes as size, sha256 from tracks where user_id in (${sqlList(users)})`,
  );
  const ledger = platform.d1(`select u.user_id as userId, u.balance, u.reserved,
      (select coalesce(sum(amount), 0) from credit_ledger l where l.user_id = u.user_id and l.kind = 'grant') as granted,
      (select coalesce(sum(amount), 0) from credit_ledger l where l.user_id = u.user_id and l.kind = 'capture') as debited,
      (select coalesce(sum(amount), 0) from credit_ledger l where l.user_id = u.user_id and l.kind = 'revoke') as revoked,
      (select coalesce(sum(amount), 0) from credit_ledger l where l.user_id = u.user_id and l.kind = 'hold') as holds,
      (select coalesce(sum(amount), 0) from credit_ledger l where l.user_id = u.user_id and l.kind in ('capture', 'release')) as settled
    from credit_balances u where u.user_id in (${sqlList(users)})`);
  const byId = new Map(jobs.map((j) => [j.id, j]));

  // Every debited take, fetched as its owner would play it, must be the bytes recorded for it.
  const tokenOf = new Map(accounts.map((a) => [a.userId, a.token]));
  const debited = new Set(jobs.filter((j) => j.captures > 0).map((j) => j.id));
  const audioFaults = [];
  const toCheck = tracks.filter((t) => debited.has(t.jobId));
  await pool(toCheck.length, 8, async (i) => {
    const t = toCheck[i];
    const headers = { authorization: `Bearer ${tokenOf.get(t.userId)}` };
    const links = await fetch(`${base}/api/tracks/${t.id}/links`, { headers }).then((r) => (r.ok ? r.json() : null));
    const audio = links && (await fetch(new URL(links.streamUrl, base)));
    const bytes = audio?.ok ? Buffer.from(await audio.arrayBuffer()) : null;
    const sha = bytes && createHash("sha256").update(bytes).digest("hex");
    if (!bytes || bytes.length !== t.size || sha !== t.sha256) audioFaults.push(`${t.jobId}/${t.id}`);
  });

  // ---- the invariants ----
  const accepted = orders.filter((o) => o.id);
  const acceptedIds = new Set(accepted.map((o) => o.id));
  const priceOf = (j) => {
    const engines = (j.trackEngines ?? "").split(",").filter(Boolean);
    const voiceless =
      j.vocal !== "instrumental" && engines.length > 0 && engines.every((e) => INSTRUMENTAL_ENGINES.has(e));
    return voiceless ? Math.min(j.credits, CREDITS_PER_INSTRUMENTAL) : j.credits;
  };
  const bad = (predicate) => jobs.filter(predicate).map((j) => j.id);
  const checks = [
    [
      "Orders accepted (202, distinct jobs) = jobs in D1",
      `${acceptedIds.size} = ${jobs.length}`,
      acceptedIds.size === jobs.length &&
      accepted.length === acceptedIds.size &&
      jobs.every((j) => acceptedIds.has(j.id))
        ? []
        : ["mismatch"],
    ],
    ["Orders not terminal (lost)", null, bad((j) => !TERMINAL.has(j.status))],
    [
      "Terminal status the client saw ≠ D1's",
      null,
      accepted.filter((o) => o.view?.status !== byId.get(o.id)?.status).map((o) => o.id),
    ],
    ["Orders held other than once", null, bad((j) => j.holds !== 1)],
    [
      "Orders settled twice (two debits, two refunds, or a debit and a refund of the whole)",
      null,
      bad((j) => j.captures > 1 || j.refunds > 1 || j.differences > 1 || (j.captures > 0 && j.refunds > 0)),
    ],
    [
      "Terminal orders whose hold is not settled exactly (debited + refunded ≠ held)",
      null,
      bad((j) => TERMINAL.has(j.status) && j.captured + j.released !== j.held),
    ],
    ["Succeeded orders not debited", null, bad((j) => j.status === "SUCCEEDED" && j.captures !== 1)],
    ["Orders debited that did not succeed", null, bad((j) => j.status !== "SUCCEEDED" && j.captures > 0)],
    [
      "Orders charged for another song than delivered (price ≠ the takes' price)",
      null,
      bad((j) => j.captures > 0 && j.captured !== priceOf(j)),
    ],
    [
      "Succeeded orders with no take, or takes from another engine than the order's",
      null,
      bad(
        (j) =>
          j.status === "SUCCEEDED" &&
          (j.tracks === 0 || (j.trackEngines ?? "").split(",").some((e) => e !== j.provider)),
      ),
    ],
    [
      `Takes delivered longer than ${LONGEST_TAKE_SECONDS} s`,
      null,
      bad((j) => j.status === "SUCCEEDED" && Number(j.longest) > LONGEST_TAKE_SECONDS),
    ],
    ["Orders delivered twice", null, bad((j) => j.deliveredEvents > 1)],
    ["Orders whose words an engine refused, moved on to another engine", null, bad((j) => j.refusedThenMoved > 0)],
    [
      "Debited takes whose audio is not in R2 as recorded (size and SHA-256, fetched by its owner)",
      `${toCheck.length - audioFaults.length} of ${toCheck.length} match`,
      audioFaults,
    ],
    ...ledger.map((a, i) => [
      `Account ${i + 1}: balance = granted − debited − revoked; reserved = held − settled`,
      `${a.balance} = ${a.granted} − ${a.debited} − ${a.revoked}; ${a.reserved} = ${a.holds} − ${a.settled}`,
      a.balance === a.granted - a.debited - a.revoked && a.reserved === a.holds - a.settled ? [] : [a.userId],
    ]),
  ];
  if (ledger.length !== accounts.length) checks.push(["Accounts with a balance row", ledger.length, ["missing"]]);

  // ---- the tables ----
  const loads = [loadBefore, ...loadSamples];
  const engineSplit = counts(jobs.map((j) => j.provider ?? "none"));
  const rows = [...Object.keys(FAULTS), null].map((fault) => {
    const mine = accepted.filter((o) => o.fault === fault);
    const js = mine.map((o) => byId.get(o.id)).filter(Boolean);
    const secs = mine.filter((o) => o.endedAt).map((o) => (o.endedAt - o.placedAt) / 1000);
    const s = summary(secs);
    const errors = js.filter((j) => j.errorCode).map((j) => j.errorCode);
    const met = js.filter((j) => SUNO.has(j.firstEngine)).length;
    const moved = js.flatMap((j) => (j.failovers ?? "").split(",").filter(Boolean));
    return `| ${fault ?? "none (clean)"} | ${mine.length} | ${met} | ${counts(js.map((j) => j.status))} | ${errors.length ? counts(errors) : "–"} | ${moved.length ? counts(moved) : "–"} | ${counts(js.filter((j) => j.status === "SUCCEEDED").map((j) => j.provider)) || "–"} | ${Number.isFinite(s.p50) ? `${s.p50.toFixed(0)} / ${s.max.toFixed(0)}` : "–"} |`;
  });
  const lines = [
    `Command: \`${command}\``,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.versions.node}, shared with other work; wrangler dev (local workerd), the Suno simulator, the music engine with the silent render thread; job deadline ${opts.deadline} s; sources at ${platform.revision}. 1-min load average ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end, ${Math.max(...loads).toFixed(2)} at most (sampled every 10 s). Orders ran ${((ordersDone - started) / 1000).toFixed(0)} s; total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    "",
    `${accepted.length} orders accepted of ${orders.length}, ${orders.filter((o) => o.fault).length} with a fault, ${orders.filter((o) => o.instrumental).length} instrumental; ${accounts.length} accounts; orders' engines at the end: ${engineSplit}.`,
    "",
    "| Fault | Orders | First sent to Suno (fault met) | How they ended | Errors | Failovers (why) | Delivered by | Seconds to end, p50 / max |",
    "|---|---:|---:|---|---|---|---|---:|",
    ...rows,
    "",
    "Kills:",
    ...kills.map((k) => `- ${k}`),
    "",
    "| Invariant | Measured | Broken by | Holds |",
    "|---|---:|---:|---|",
    ...checks.map(
      ([name, measured, offenders]) =>
        `| ${name} | ${measured ?? offenders.length} | ${offenders.length} | ${offenders.length ? "**NO**" : "yes"} |`,
    ),
    "",
    `At the door: ${door.retries} retries of a placement (same Idempotency-Key, through the restarts), ${door.replayed} answered as replays of the job already made, ${door.refused.length} refused (${counts(door.refused) || "none"}). Cron triggers fired by the script: ${cronsOk} of ${crons}. Alerts posted to the webhook: ${receiver.texts.length}.`,
    ...receiver.texts.map((t) => `- ${t}`),
  ];
  const text = `${lines.join("\n")}\n`;
  console.log(`\n${text}`);
  if (opts.out) writeFileSync(opts.out, text);
  for (const [name, , offenders] of checks)
    if (offenders.length) console.log(`${name}: ${offenders.slice(0, 20).join(" ")}`);
  platform.printNotable(15);
  clearInterval(loadTimer);
  receiver.close();
  const broken = checks.filter(([, , offenders]) => offenders.length);
  if (broken.length) console.log(`BROKEN: ${broken.map(([name]) => name).join("; ")}`);
  return broken.length ? 1 : 0;
}

await run.main(main);
