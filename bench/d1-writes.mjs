// How many job-creation batches one local D1 database commits per second, one after another (D1 runs one
// statement at a time per database): the figure docs/capacity.md turns into songs per day per database.
// The batch has the shape of createJob's (worker/jobs/create.ts): the Idempotency-Key, the balance's hold, its
// ledger row, the job, its generation and the release of the key's claim, with the tables and indexes of
// db/migrations. Only that batch is timed: the claim it releases is written before it, untimed, as the
// order's first round trip writes it. Its first event is no row: the job's object keeps the log until the end.
//   npx node bench/d1-writes.mjs [--batches 2000]
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";

const batches = Number(process.argv[process.argv.indexOf("--batches") + 1] || 2000);
const persist = mkdtempSync(join(tmpdir(), "refrain-d1-bench-"));
const { env, dispose } = await getPlatformProxy({ configPath: "wrangler.toml", persist: { path: persist } });
const db = env.DB;
for (const file of readdirSync("db/migrations")
  .filter((f) => f.endsWith(".sql"))
  .sort())
  for (const statement of readFileSync(join("db/migrations", file), "utf8")
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter(Boolean))
    await db.prepare(statement).run();

const now = Date.now();
await db.batch([
  db
    .prepare("insert into users (id, email, role, created_at) values ('usr_bench', 'bench@refrain.local', 'user', ?)")
    .bind(now),
  db
    .prepare(
      "insert into credit_balances (user_id, balance, reserved, updated_at) values ('usr_bench', 100000000, 0, ?)",
    )
    .bind(now),
]);
const claim = (key) =>
  db
    .prepare(
      "insert into idempotency_claims (user_id, key, request_hash, claim_id, claimed_at) values ('usr_bench', ?, 'h', ?, ?)",
    )
    .bind(key, key, now);
const creation = (i, key) => {
  const job = `job_${crypto.randomUUID()}`;
  return [
    db
      .prepare(
        "insert into idempotency_keys (user_id, key, request_hash, job_id, created_at) values ('usr_bench', ?, 'h', ?, ?)",
      )
      .bind(key, job, now),
    db
      .prepare("update credit_balances set reserved = reserved + 10, updated_at = ? where user_id = 'usr_bench'")
      .bind(now),
    db
      .prepare(
        "insert into credit_ledger (id, user_id, job_id, kind, amount, reason, reason_kind, entry_key, created_at) values (?, 'usr_bench', ?, 'hold', 10, 'song order', 'order', ?, ?)",
      )
      .bind(`led_${i}`, job, `hold:${job}`, now),
    db
      .prepare(
        "insert into jobs (id, user_id, status, mode, credits, deadline_at, created_at, updated_at) values (?, 'usr_bench', 'QUEUED', 'context', 10, ?, ?, ?)",
      )
      .bind(job, now + 900_000, now, now),
    db
      .prepare(
        "insert into generations (job_id, mode, context, language, vocal, style_tags, duration_seconds, seed, updated_at) values (?, 'context', ?, 'fr', 'female', '[\"pop\"]', 60, ?, ?)",
      )
      .bind(
        job,
        JSON.stringify({ occasion: "anniversaire", recipientName: "Marie", details: ["elle fait du surf"] }),
        i,
        now,
      ),
    db
      .prepare("delete from idempotency_claims where user_id = 'usr_bench' and key = ? and claim_id = ?")
      .bind(key, key),
  ];
};
const warmUp = 50;
const loadBefore = loadavg()[0];
for (let i = 0; i < warmUp; i++) {
  const key = crypto.randomUUID();
  await claim(key).run();
  await db.batch(creation(-1 - i, key));
}
let rowsWritten = 0;
let timed = 0;
for (let i = 0; i < batches; i++) {
  const key = crypto.randomUUID();
  await claim(key).run();
  const started = performance.now();
  const results = await db.batch(creation(i, key));
  timed += performance.now() - started;
  for (const r of results) rowsWritten += r.meta.rows_written ?? 0;
}
const seconds = timed / 1000;
const rate = batches / seconds;
const load = [loadBefore, loadavg()[0]].map((l) => l.toFixed(2)).join(" → ");
console.log(
  `| creation batches | seconds (batches only) | batches/s | rows written per batch | creations/day at this rate | 1-min load average |`,
);
console.log(`|---|---|---|---|---|---|`);
console.log(
  `| ${batches} | ${seconds.toFixed(1)} | ${rate.toFixed(0)} | ${(rowsWritten / batches).toFixed(1)} | ${Math.round(rate * 86_400).toLocaleString("en")} | ${load} |`,
);
await dispose();
