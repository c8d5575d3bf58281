import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creditLedger, database, insertJobLog, providerCalls } from "./db-access";
import { call, credits, finishedJob, insertJobs, jobRow, json, operator, signUp } from "./helpers";

const db = database(env.DB);
const grant = (token: string | undefined, body: unknown, key: string) =>
  call("/api/admin/credits/grants", {
    method: "POST",
    token,
    body: JSON.stringify(body),
    headers: { "idempotency-key": key },
  });

describe("the operators' API", () => {
  it("is for operators: 401 without a token, 404 for everyone else", async () => {
    const { token } = await signUp();
    const key = crypto.randomUUID();
    for (const [path, init] of [
      ["/api/admin/jobs", {}],
      ["/api/admin/jobs/job_00000000-0000-0000-0000-000000000000", {}],
      ["/api/admin/metrics", {}],
      ["/api/admin/alerts", {}],
      [
        "/api/admin/credits/grants",
        {
          method: "POST",
          body: JSON.stringify({ email: "a@b.test", amount: 5, reason: "thanks" }),
          headers: { "idempotency-key": key },
        },
      ],
    ] as const) {
      expect((await call(path, init)).status, path).toBe(401);
      expect((await call(path, { ...init, token })).status, path).toBe(404);
    }
  });

  it("lists every account's jobs with filters and pages, and shows one with its events, calls and credits", async () => {
    const ops = await operator();
    const alice = await signUp();
    const bob = await signUp();
    const failed = finishedJob(bob.userId, "FAILED", "internal", 40, 60_000);
    const rows = [
      ...Array.from({ length: 4 }, (_, i) => finishedJob(alice.userId, "SUCCEEDED", "suno", 30, (i + 2) * 60_000)),
      jobRow(alice.userId, { status: "GENERATING_MUSIC", provider: "suno" }),
      {
        ...failed,
        errorCode: "provider_unavailable",
        errorMessage: "The engine is down",
        providersTried: ["suno", "internal"],
      },
    ];
    await insertJobs(rows);
    await insertJobLog(db, failed, {
      events: [
        {
          seq: 1,
          type: "queued",
          status: "QUEUED",
          data: { credits: 10 },
          createdAt: failed.createdAt,
        },
        {
          seq: 2,
          type: "failover",
          status: "GENERATING_MUSIC",
          data: { failover: { from: "suno", to: "internal" } },
          createdAt: failed.createdAt + 1000,
        },
        {
          seq: 3,
          type: "failed",
          status: "FAILED",
          data: { error: { code: "provider_unavailable" } },
          createdAt: failed.finishedAt!,
        },
      ],
    });
    await db.insert(providerCalls).values({
      provider: "internal",
      operation: "createTrack",
      jobId: failed.id,
      latencyMs: 1200,
      outcome: "error",
      error: "unavailable: 503",
      createdAt: failed.createdAt + 2000,
    });
    await db.insert(creditLedger).values({
      id: crypto.randomUUID(),
      userId: bob.userId,
      jobId: failed.id,
      kind: "release",
      amount: 10,
      reason: "refund: provider_unavailable",
      entryKey: `settle:${failed.id}`,
      createdAt: failed.finishedAt!,
    });

    const all = await json(await call("/api/admin/jobs?limit=4", { token: ops }));
    expect(all.jobs.map((j: { id: string }) => j.id)).toEqual([failed.id, rows[0]!.id, rows[1]!.id, rows[2]!.id]);
    const rest = await json(
      await call(`/api/admin/jobs?limit=4&cursor=${encodeURIComponent(all.next)}`, { token: ops }),
    );
    expect(rest.jobs.map((j: { id: string }) => j.id)).toEqual([rows[3]!.id, rows[4]!.id]);
    expect(rest.next).toBeNull();

    const byStatus = await json(await call("/api/admin/jobs?status=FAILED", { token: ops }));
    expect(byStatus.jobs).toEqual([
      expect.objectContaining({
        id: failed.id,
        userEmail: bob.email,
        provider: "internal",
        errorCode: "provider_unavailable",
        durationMs: 40_000,
        providersTried: ["suno", "internal"],
      }),
    ]);
    expect(
      (await json(await call("/api/admin/jobs?provider=suno&status=SUCCEEDED", { token: ops }))).jobs,
    ).toHaveLength(4);
    expect(
      (await json(await call(`/api/admin/jobs?user=${encodeURIComponent(bob.email)}`, { token: ops }))).jobs.map(
        (j: { id: string }) => j.id,
      ),
    ).toEqual([failed.id]);
    expect((await call("/api/admin/jobs?status=NOPE", { token: ops })).status).toBe(400);

    const detail = await json(await call(`/api/admin/jobs/${failed.id}`, { token: ops }));
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(["queued", "failover", "failed"]);
    expect(detail.events[1].data).toEqual({ failover: { from: "suno", to: "internal" } });
    expect(detail.calls).toEqual([
      expect.objectContaining({
        provider: "internal",
        operation: "createTrack",
        outcome: "error",
        latencyMs: 1200,
        error: "unavailable: 503",
      }),
    ]);
    expect(detail.ledger).toEqual([expect.objectContaining({ kind: "release", amount: 10 })]);
    expect((await call("/api/admin/jobs/job_nope", { token: ops })).status).toBe(404);
  });

  it("grants credits with a reason through the ledger, once per Idempotency-Key however often it is retried", async () => {
    const ops = await operator();
    const person = await signUp();
    const before = await credits(person.token);
    const key = crypto.randomUUID();
    const body = { email: person.email.toUpperCase(), amount: 25, reason: "sorry for the failed song" };

    const first = await grant(ops, body, key);
    expect(first.status).toBe(201);
    const granted = await json(first);
    expect(granted).toMatchObject({
      entry: { kind: "grant", amount: 25, reason: body.reason, userId: person.userId },
      balance: before.balance + 25,
    });
    // Retries, one after the other and together: the same grant, nothing moves again.
    const retries = await Promise.all([grant(ops, body, key), grant(ops, body, key), grant(ops, body, key)]);
    for (const r of retries) {
      expect(r.status).toBe(200);
      expect(r.headers.get("idempotent-replayed")).toBe("true");
      expect((await json(r)).entry.id).toBe(granted.entry.id);
    }
    const after = await credits(person.token);
    expect(after.balance).toBe(before.balance + 25);
    expect(after.ledger.filter((e) => e.kind === "grant" && e.reason === body.reason)).toHaveLength(1);
    const row = await db.select().from(creditLedger).where(eq(creditLedger.id, granted.entry.id)).get();
    expect(row?.actor).toBeTruthy();

    expect((await grant(ops, { ...body, amount: 26 }, key)).status).toBe(422);
    expect((await grant(ops, { ...body, email: "nobody@example.com" }, crypto.randomUUID())).status).toBe(404);
    expect((await grant(ops, { amount: 5, reason: "no one named" }, crypto.randomUUID())).status).toBe(400);
    expect((await grant(ops, { ...body, amount: 0 }, crypto.randomUUID())).status).toBe(400);
    // Concurrent grants with different keys each count.
    const many = await Promise.all(
      [1, 2, 3].map(() => grant(ops, { userId: person.userId, amount: 1, reason: "one each" }, crypto.randomUUID())),
    );
    expect(many.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await credits(person.token)).balance).toBe(before.balance + 28);
  });
});
