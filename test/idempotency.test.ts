import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../worker/app";
import { database, grantStatements } from "./db-access";
import { BASE, contextOrder, credits, json, signUp } from "./helpers";

const COST = Number(env.CREDITS_PER_SONG);
const PASS = "1x0000000000000000000000000000000AA";

/** The Worker's app under an env of its own: tight limits, so a retry that counted against them would show. */
function app(vars: Partial<Env>) {
  const worker = createApp();
  return (token: string, key: string, body: unknown, turnstile?: string) => {
    const headers = new Headers({
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "idempotency-key": key,
    });
    if (turnstile) headers.set("cf-turnstile-response", turnstile);
    const request = new Request(new URL("/api/jobs", BASE), { method: "POST", headers, body: JSON.stringify(body) });
    return worker.fetch(request, { ...env, ...vars }, createExecutionContext());
  };
}

describe("Idempotency-Key on orders", () => {
  it("gives 10 simultaneous retries of the order that empties the account the one job, whatever the balance, limits and quota say", async () => {
    const post = app({ RATE_LIMIT_JOBS: "5/60", DAILY_JOB_QUOTA: "5" });
    const { token } = await signUp();
    // 50 welcome credits: four orders leave exactly one song's worth, one order per minute and per day.
    for (let i = 0; i < 4; i++) expect((await post(token, crypto.randomUUID(), contextOrder())).status).toBe(202);
    expect((await credits(token)).available).toBe(COST);

    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(token, key, contextOrder())));
    const bodies = await Promise.all(answers.map((r) => json(r)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(answers.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
    const after = await credits(token);
    expect(after.available).toBe(0);
    expect(after.ledger.filter((e) => e.kind === "hold")).toHaveLength(5);

    // Later, with no credits left and the minute's and the day's orders used up: still the same answer.
    const later = await post(token, key, contextOrder());
    expect(later.status).toBe(202);
    expect((await json(later)).id).toBe(bodies[0].id);
    // A new key is a new order, and is refused.
    expect((await post(token, crypto.randomUUID(), contextOrder())).status).toBe(429);
  });

  it("refuses a used key with another body (422), before and after the first request ends", async () => {
    const post = app({});
    const { token } = await signUp();
    const key = crypto.randomUUID();
    const first = await post(token, key, contextOrder());
    expect(first.status).toBe(202);
    const other = await post(token, key, contextOrder({ recipientName: "Paul" }));
    expect(other.status).toBe(422);
    expect((await json(other)).error).toMatchObject({
      code: "idempotency_conflict",
      fields: { "Idempotency-Key": ["reused with another body"] },
    });
    expect((await credits(token)).reserved).toBe(COST);
  });

  it("answers 409 with Retry-After while the first request is still placing the order, then the job", async () => {
    // siteverify answers the first request's challenge only after 6 s; retries wait 3 s at most.
    const post = app({ TURNSTILE_SECRET_KEY: PASS });
    const { token } = await signUp();
    const key = crypto.randomUUID();
    const firstAnswer = post(token, key, contextOrder(), "sim-slow-6000");
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const busy = await post(token, key, contextOrder(), "XXXX.DUMMY.TOKEN.XXXX");
    expect(busy.status).toBe(409);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await json(busy)).error.code).toBe("idempotency_in_progress");
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another body is refused at once, even while the first runs.
    expect((await post(token, key, contextOrder({ recipientName: "Paul" }))).status).toBe(422);

    const first = await firstAnswer;
    expect(first.status).toBe(202);
    const retried = await post(token, key, contextOrder());
    expect(retried.status).toBe(202);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    expect((await json(retried)).id).toBe((await json(first)).id);
    expect((await credits(token)).reserved).toBe(COST);
  }, 30_000);

  it("gives the key back when the first request made no job, so a retry after a top-up places the order", async () => {
    const post = app({});
    const { token, userId } = await signUp();
    for (let i = 0; i < 5; i++) expect((await post(token, crypto.randomUUID(), contextOrder())).status).toBe(202);
    const key = crypto.randomUUID();
    expect((await post(token, key, contextOrder())).status).toBe(402);
    const someone = await signUp();
    // The same key on another account is its own.
    expect((await post(someone.token, key, contextOrder())).status).toBe(202);
    const db = database(env.DB);
    await db.batch([
      ...grantStatements(db, userId, COST, { kind: "added", text: "test top-up" }, `test:${crypto.randomUUID()}`),
    ]);
    const retried = await post(token, key, contextOrder());
    expect(retried.status).toBe(202);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
  });
});
