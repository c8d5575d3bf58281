import { env } from "cloudflare:workers";
import { eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { creditBalances, creditLedger, database, jobs } from "./db-access";
import { call, contextOrder, credits, json, order, signUp, sim, waitFor } from "./helpers";

const COST = Number(env.CREDITS_PER_SONG);
const db = database(env.DB);

beforeEach(async () => {
  await sim("/__sim/reset", {});
});

describe("credits", () => {
  it("accepts exactly what the balance affords under 50 parallel orders, and every job settles once", async () => {
    // Signed up with 50; top up to exactly ten songs.
    const { token, userId } = await signUp(10 * COST - Number(env.SIGNUP_CREDITS));
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => order(token, contextOrder({ recipientName: `Ami ${i}` }))),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.filter((s) => s === 402)).toHaveLength(40);
    const refused = await json(answers.find((r) => r.status === 402)!);
    expect(refused.error).toMatchObject({
      code: "insufficient_credits",
      balance: 10 * COST,
      available: 0,
      required: COST,
    });

    const accepted = await Promise.all(answers.filter((r) => r.status === 202).map((r) => json(r)));
    const ids = accepted.map((j) => j.id);
    // Cancel a few so that refunds and debits are both exercised.
    for (const id of ids.slice(0, 3)) await call(`/api/jobs/${id}/cancel`, { method: "POST", token });
    await waitFor(
      "every accepted job to end",
      async () => {
        const rows = await db.select({ status: jobs.status }).from(jobs).where(inArray(jobs.id, ids));
        return rows.every((r) => ["SUCCEEDED", "FAILED", "CANCELED", "TIMED_OUT"].includes(r.status));
      },
      60_000,
    );

    const ledger = await db.select().from(creditLedger).where(eq(creditLedger.userId, userId));
    const sum = (kind: string) => ledger.filter((e) => e.kind === kind).reduce((n, e) => n + e.amount, 0);
    const balance = await db.select().from(creditBalances).where(eq(creditBalances.userId, userId)).get();
    expect(balance!.balance).toBe(sum("grant") - sum("capture"));
    expect(balance!.reserved).toBe(sum("hold") - sum("capture") - sum("release"));
    expect(balance!.reserved).toBe(0);
    for (const id of ids) {
      const settled = ledger.filter((e) => e.jobId === id && (e.kind === "capture" || e.kind === "release"));
      expect(settled, `job ${id}`).toHaveLength(1);
    }
    const succeeded = (await db.select({ status: jobs.status }).from(jobs).where(inArray(jobs.id, ids))).filter(
      (r) => r.status === "SUCCEEDED",
    ).length;
    expect(sum("capture")).toBe(succeeded * COST);
    expect(succeeded).toBe(7);
    const mine = await credits(token);
    expect(mine.balance).toBe(10 * COST - succeeded * COST);
    expect(mine.available).toBe(mine.balance);
    // Each row also says why as a code, which the pages show in the reader's language.
    expect([...new Set(mine.ledger.map((e) => `${e.kind}:${e.reasonKind}`))].sort()).toEqual([
      "capture:delivered",
      "grant:added",
      "grant:welcome",
      "hold:order",
      "release:refund",
    ]);
  }, 120_000);

  it("returns the same job for the same Idempotency-Key and body, and 422 for another body", async () => {
    const { token } = await signUp();
    const key = crypto.randomUUID();
    const first = await order(token, contextOrder(), key);
    expect(first.status).toBe(202);
    const again = await order(token, contextOrder(), key);
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await json(again)).id).toBe((await json(first)).id);

    const other = await order(token, contextOrder({ recipientName: "Paul" }), key);
    expect(other.status).toBe(422);
    expect((await json(other)).error.code).toBe("idempotency_conflict");
    expect((await credits(token)).reserved).toBe(COST);
  });

  it("creates one job when the same key is sent twice at once", async () => {
    const { token } = await signUp();
    const key = crypto.randomUUID();
    const answers = await Promise.all([
      order(token, contextOrder(), key),
      order(token, contextOrder(), key),
      order(token, contextOrder(), key),
    ]);
    const bodies = await Promise.all(answers.map((r) => json(r)));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(answers.filter((r) => r.status === 202 && !r.headers.has("idempotent-replayed"))).toHaveLength(1);
    expect((await credits(token)).reserved).toBe(COST);
  });

  it("keeps another user's Idempotency-Key apart", async () => {
    const a = await signUp();
    const b = await signUp();
    const key = crypto.randomUUID();
    const first = await json(await order(a.token, contextOrder(), key));
    const second = await order(b.token, contextOrder(), key);
    expect(second.status).toBe(202);
    expect((await json(second)).id).not.toBe(first.id);
  });
});
