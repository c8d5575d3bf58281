// How many job-creation batches one local D1 database commits per second, one after another (D1 runs one
// statement at a time per database): the figure docs/capacity.md turns into songs per day per database.
// The batch has the shape of createJob's (worker/jobs/create.ts): the balance's hold, its ledger row, the job,
// its generation, its first event and the Idempotency-Key, with the indexes of db/migrations.
//   npx node bench/d1-writes.mjs [--batches 2000]
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
const creation = (i) => {
  const job = `job_${crypto.randomUUID()}`;
  return [
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
      .prepare(
        "insert into job_events (job_id, seq, type, status, data, created_at) values (?, 1, 'queued', 'QUEUED', '{\"credits\":10}', ?)",
      )
      .bind(job, now),
    db
      .prepare(
        "insert into idempotency_keys (user_id, key, request_hash, job_id, created_at) values ('usr_bench', ?, 'h', ?, ?)",
      )
      .bind(crypto.randomUUID(), job, now),
  ];
};
for (let i = 0; i < 50; i++) await db.batch(creation(-1 - i));
let rowsWritten = 0;
const started = performance.now();
for (let i = 0; i < batches; i++) for (const r of await db.batch(creation(i))) rowsWritten += r.meta.rows_written ?? 0;
const seconds = (performance.now() - started) / 1000;
const rate = batches / seconds;
console.log(`| creation batches | seconds | batches/s | rows written per batch | creations/day at this rate |`);
console.log(`|---|---|---|---|---|`);
console.log(
  `| ${batches} | ${seconds.toFixed(1)} | ${rate.toFixed(0)} | ${(rowsWritten / batches).toFixed(1)} | ${Math.round(rate * 86_400).toLocaleString("en")} |`,
);
await dispose();
