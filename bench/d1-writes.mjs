// How many job-creation batches one local D1 database commits per second, one after another (D1 runs one
// statement at a time per database): the figure docs/capacity.md turns into songs per day per database.
// The batch has the shape of createJob's (worker/jobs/create.ts): the Idempotency-Key, the balance's hold, its
// ledger row, the job, its generation and the release of the key's claim, with the tables and indexes of
// db/migrations. Only that batch is timed: the claim it releases is written before it, untimed, as the
// order's first round trip writes it. Its first event is no row: the job's object keeps the log until the end.
// It runs the same batches on the schema before migrations 0011–0012 too, in alternating rounds, and prints
// the ratio of the two rates.
//   npx node bench/d1-writes.mjs [--batches 2000]
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";

const batches = Number(process.argv[process.argv.indexOf("--batches") + 1] || 2000);
const ROUND = 50;

/** A local D1 database with the migrations up to `last` (all of them without it), and the bench's account. */
async function database(last) {
  const persist = mkdtempSync(join(tmpdir(), "refrain-d1-bench-"));
  const { env, dispose } = await getPlatformProxy({ configPath: "wrangler.toml", persist: { path: persist } });
  const db = env.DB;
  for (const file of readdirSync("db/migrations")
    .filter((f) => f.endsWith(".sql") && (!last || f.slice(0, 4) <= last))
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
  return { db, dispose, now, timed: 0, rowsWritten: 0 };
}

const claim = (db, now, key) =>
  db
    .prepare(
      "insert into idempotency_claims (user_id, key, request_hash, claim_id, claimed_at) values ('usr_bench', ?, 'h', ?, ?)",
    )
    .bind(key, key, now);
const creation = (db, now, i, key) => {
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
// The same batches on the schema before migrations 0011–0012 (every index, rowid tables) and on today's,
// in alternating rounds, so both see the same machine.
const schemas = [
  { name: "before 0011", ...(await database("0010")) },
  { name: "today", ...(await database()) },
];
const loadBefore = loadavg()[0];
const run = async (schema, i, timed) => {
  const key = crypto.randomUUID();
  await claim(schema.db, schema.now, key).run();
  const started = performance.now();
  const results = await schema.db.batch(creation(schema.db, schema.now, i, key));
  if (!timed) return;
  schema.timed += performance.now() - started;
  for (const r of results) schema.rowsWritten += r.meta.rows_written ?? 0;
};
for (const schema of schemas) for (let i = 0; i < ROUND; i++) await run(schema, -1 - i, false);
for (let done = 0; done < batches; done += ROUND)
  for (const schema of schemas) for (let i = done; i < Math.min(done + ROUND, batches); i++) await run(schema, i, true);
const load = [loadBefore, loadavg()[0]].map((l) => l.toFixed(2)).join(" → ");
console.log(
  `| schema | creation batches | seconds (batches only) | batches/s | rows written per batch | creations/day at this rate |`,
);
console.log(`|---|---|---|---|---|---|`);
for (const schema of schemas) {
  const rate = batches / (schema.timed / 1000);
  console.log(
    `| ${schema.name} | ${batches} | ${(schema.timed / 1000).toFixed(1)} | ${rate.toFixed(1)} | ${(schema.rowsWritten / batches).toFixed(1)} | ${Math.round(rate * 86_400).toLocaleString("en")} |`,
  );
}
console.log(
  `today / before: ${(schemas[0].timed / schemas[1].timed).toFixed(2)}× the batches per second; 1-min load average ${load}`,
);
for (const schema of schemas) await schema.dispose();
