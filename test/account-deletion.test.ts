import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routingConfigSchema } from "../providers";
import worker from "../worker";
import { deleteSupabaseUser, markDeleted, resendStaleDeletions } from "../worker/account";
import { saveRoutingConfig } from "../worker/routing";
import { callsOf, creditBalances, creditLedger, database, eventsOf, jobs, routingConfigs, users } from "./db-access";
import { call, contextOrder, credits, json, operator, orderJob, signUp, sim, waitFor, waitForStatus } from "./helpers";

const db = database(env.DB);

beforeEach(async () => {
  await sim("/__sim/reset", {});
  await db.delete(routingConfigs);
  await saveRoutingConfig(
    db,
    routingConfigSchema.parse({ arms: [{ provider: "suno", weight: 1 }], failover: [] }),
    "test",
  );
});
afterEach(() => vi.restoreAllMocks());

/** Every text cell of every table (listed from sqlite_master) that contains one of `needles`, case-insensitively. */
async function cellsHolding(needles: string[]): Promise<string[]> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const found: string[] = [];
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    for (const row of rows.results)
      for (const [column, value] of Object.entries(row))
        for (const needle of needles)
          if (typeof value === "string" && value.toLowerCase().includes(needle.toLowerCase()))
            found.push(`${name}.${column} holds "${needle}"`);
  }
  return found;
}

/** Objects left under a prefix of the audio bucket. */
async function objectsUnder(prefix: string): Promise<string[]> {
  return (await env.AUDIO.list({ prefix })).objects.map((o) => o.key);
}

/** Every account but `except` still balances: grants minus debits is the balance, open holds are the reservation. */
async function ledgerBalancesOfOthers(except: string): Promise<number> {
  const rows = await db.all<{
    userId: string;
    balance: number;
    reserved: number;
    granted: number;
    captured: number;
    held: number;
    settled: number;
  }>(sql`
    select b.user_id as userId, b.balance, b.reserved,
      coalesce((select sum(amount) from credit_ledger where user_id = b.user_id and kind = 'grant'), 0) as granted,
      coalesce((select sum(amount) from credit_ledger where user_id = b.user_id and kind = 'capture'), 0) as captured,
      coalesce((select sum(amount) from credit_ledger where user_id = b.user_id and kind = 'hold'), 0) as held,
      coalesce((select sum(amount) from credit_ledger where user_id = b.user_id and kind in ('capture', 'release')), 0) as settled
    from credit_balances b where b.user_id <> ${except}`);
  for (const r of rows) {
    expect(r.balance, r.userId).toBe(r.granted - r.captured);
    expect(r.reserved, r.userId).toBe(r.held - r.settled);
  }
  return rows.length;
}

const PASSWORD = "correct horse battery";
const secrets = {
  recipientName: "Zephyrine",
  relationship: "ma marraine Ondine",
  detail: "elle collectionne les cerfs-volants bleus",
  occasion: "les quatre-vingts ans de Zephyrine",
  message: "Avec tout l'amour de la famille Quillard",
  senderName: "Barnabe Quillard",
  project: "Fete surprise Zephyrine",
  grantReason: "geste pour Barnabe Quillard",
};

/** An account with a delivered song (gifted and shared), a project, an operator's grant and an order still running. */
async function richAccount() {
  const person = await signUp(20);
  const order = contextOrder({
    recipientName: secrets.recipientName,
    relationship: secrets.relationship,
    details: [secrets.detail],
    occasion: secrets.occasion,
  });
  const project = await json(
    await call("/api/projects", {
      method: "POST",
      token: person.token,
      body: JSON.stringify({ name: secrets.project }),
    }),
  );
  const done = await orderJob(person.token, { ...order, projectId: project.id });
  const delivered = await waitForStatus(person.token, done.id, ["SUCCEEDED"]);
  const trackId: string = delivered.takes[0].trackId;
  const gift = await json(
    await call("/api/gifts", {
      method: "POST",
      token: person.token,
      body: JSON.stringify({ trackId, message: secrets.message, senderName: secrets.senderName }),
    }),
  );
  const giftToken = new URL(gift.url).pathname.split("/").pop()!;
  expect((await call(`/api/public/gifts/${giftToken}/cover.png`)).status).toBe(200);
  const share = await json(await call(`/api/tracks/${trackId}/share`, { method: "POST", token: person.token }));
  const grant = await call("/api/admin/credits/grants", {
    method: "POST",
    token: await operator(),
    headers: { "idempotency-key": crypto.randomUUID() },
    body: JSON.stringify({ userId: person.userId, amount: 5, reason: secrets.grantReason }),
  });
  expect(grant.status).toBe(201);
  const running = await orderJob(person.token, { ...order, approveLyrics: true });
  await waitForStatus(person.token, running.id, ["LYRICS_READY"]);
  const lyricLine: string = delivered.lyrics.sections
    .flatMap((s: { lines: string[] }) => s.lines)
    .find((l: string) => l.includes(secrets.recipientName));
  expect(lyricLine).toBeTruthy();
  expect(await objectsUnder(`users/${person.userId}/`)).not.toHaveLength(0);
  return {
    ...person,
    doneId: done.id,
    runningId: running.id,
    trackId,
    giftId: gift.id as string,
    giftToken,
    shareToken: share.token as string,
    lyricLine,
  };
}

/** Signs in and returns the refresh cookie the API sets. */
async function refreshCookie(email: string): Promise<string> {
  const res = await call("/api/auth/signin", { method: "POST", body: JSON.stringify({ email, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return /refrain_refresh=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]!;
}

async function expectErased(account: Awaited<ReturnType<typeof richAccount>>) {
  expect(await cellsHolding([account.email, ...Object.values(secrets), account.lyricLine])).toEqual([]);
  expect(await objectsUnder(`users/${account.userId}/`)).toEqual([]);
  expect(await objectsUnder(`covers/${account.giftId}`)).toEqual([]);
  expect((await call(`/api/public/gifts/${account.giftToken}`)).status).toBe(410);
  expect((await call(`/api/public/gifts/${account.giftToken}/cover.png`)).status).toBe(410);
  expect((await call(`/api/public/tracks/${account.trackId}?t=${encodeURIComponent(account.shareToken)}`)).status).toBe(
    410,
  );
  // The orders' logs stay for the operators (what happened, which engine, when), with nothing the person wrote.
  for (const jobId of [account.doneId, account.runningId]) {
    const events = await eventsOf(db, jobId);
    expect(events.length, jobId).toBeGreaterThan(1);
    expect(events.map((e) => e.data)).toEqual(events.map(() => null));
    expect((await callsOf(db, jobId)).filter((c) => c.error !== null)).toEqual([]);
  }
  const tombstone = await db.select().from(users).where(eq(users.id, account.userId)).get();
  expect(tombstone).toMatchObject({ email: null, passwordHash: null, externalId: null });
  expect(tombstone?.erasedAt).toBeTypeOf("number");
}

describe("deleting an account", { timeout: 120_000 }, () => {
  it("cancels and refunds running orders, revokes gifts and shares, deletes the audio and leaves nothing that names the person", async () => {
    const bystander = await signUp();
    const theirs = await orderJob(bystander.token);
    await waitForStatus(bystander.token, theirs.id, ["SUCCEEDED"]);
    const account = await richAccount();
    const refresh = await refreshCookie(account.email);
    // The scan sees what it looks for: every test value is somewhere before the deletion.
    const held = await cellsHolding([account.email, ...Object.values(secrets), account.lyricLine]);
    for (const value of [account.email, ...Object.values(secrets), account.lyricLine])
      expect(held.join("\n")).toContain(`"${value}"`);
    const before = await credits(account.token);
    expect(before.reserved).toBe(Number(env.CREDITS_PER_SONG));

    const wrong = await call("/api/account/deletion", {
      method: "POST",
      token: account.token,
      body: JSON.stringify({ email: "someone@else.example" }),
    });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error.fields).toHaveProperty("email");
    const badPassword = await call("/api/account/deletion", {
      method: "POST",
      token: account.token,
      body: JSON.stringify({ password: "not the password" }),
    });
    expect(badPassword.status).toBe(400);
    expect((await call("/api/me", { token: account.token })).status).toBe(200);

    const deleted = await call("/api/account/deletion", {
      method: "POST",
      token: account.token,
      body: JSON.stringify({ email: account.email.toUpperCase() }),
    });
    expect(deleted.status).toBe(202);
    // Sessions die at once, before the queued step has run.
    expect((await call("/api/me", { token: account.token })).status).toBe(401);
    expect(
      (await call("/api/auth/refresh", { method: "POST", headers: { cookie: `refrain_refresh=${refresh}` } })).status,
    ).toBe(401);
    const signIn = await call("/api/auth/signin", {
      method: "POST",
      body: JSON.stringify({ email: account.email, password: PASSWORD }),
    });
    expect(signIn.status).toBe(401);
    expect((await json(signIn)).error.message).toBe("Wrong email or password");

    await waitFor(
      "the erasure",
      async () => (await db.select().from(users).where(eq(users.id, account.userId)).get())?.erasedAt,
    );
    await expectErased(account);

    // The running order was cancelled by its own object and refunded through the ledger; the delivered one stays paid.
    const ledger = await db.select().from(creditLedger).where(eq(creditLedger.userId, account.userId));
    expect(
      ledger
        .filter((e) => e.jobId === account.runningId)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(["hold", "release"]);
    expect(
      ledger
        .filter((e) => e.jobId === account.doneId)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(["capture", "hold"]);
    const balance = await db.select().from(creditBalances).where(eq(creditBalances.userId, account.userId)).get();
    expect(balance).toMatchObject({ balance: before.balance, reserved: 0 });
    expect(await ledgerBalancesOfOthers(account.userId)).toBeGreaterThan(0);
    expect(await credits(bystander.token)).toMatchObject({
      balance: Number(env.SIGNUP_CREDITS) - Number(env.CREDITS_PER_SONG),
      reserved: 0,
    });

    // Old tokens stay refused after the erasure, and the email is free for a new account.
    expect((await call("/api/me", { token: account.token })).status).toBe(401);
    expect(
      (await call("/api/auth/refresh", { method: "POST", headers: { cookie: `refrain_refresh=${refresh}` } })).status,
    ).toBe(401);
    expect(
      (
        await call("/api/auth/signup", {
          method: "POST",
          body: JSON.stringify({ email: account.email, password: PASSWORD }),
        })
      ).status,
    ).toBe(201);
  });

  it("finishes on the next queue delivery when the step is interrupted after the first part", async () => {
    const account = await richAccount();
    // The request's step alone, as if the Worker died before sending the queued one.
    await markDeleted(db, account.userId);
    expect((await call("/api/me", { token: account.token })).status).toBe(401);

    // The first delivery dies half-way: R2 refuses to delete.
    const failingBucket = new Proxy(env.AUDIO, {
      get(target, name) {
        if (name === "delete") return () => Promise.reject(new Error("R2 is unavailable"));
        const value = Reflect.get(target, name);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const message = {
      id: "erase-1",
      timestamp: new Date(),
      attempts: 1,
      body: { kind: "erase_account", userId: account.userId },
    };
    const first = createMessageBatch("refrain-account", [message]);
    await worker.queue(first, { ...env, AUDIO: failingBucket });
    expect((await getQueueResult(first, createExecutionContext())).retryMessages.map((m) => m.msgId)).toEqual([
      "erase-1",
    ]);
    // It got as far as cancelling (and refunding) the running order, not further.
    expect((await db.select().from(jobs).where(eq(jobs.id, account.runningId)).get())?.status).toBe("CANCELED");
    expect(
      (
        await db
          .select()
          .from(creditLedger)
          .where(eq(creditLedger.entryKey, `settle:${account.runningId}`))
          .get()
      )?.kind,
    ).toBe("release");
    expect((await db.select().from(users).where(eq(users.id, account.userId)).get())?.erasedAt).toBeNull();
    expect(await objectsUnder(`users/${account.userId}/`)).not.toHaveLength(0);

    const second = createMessageBatch("refrain-account", [{ ...message, attempts: 2 }]);
    await worker.queue(second, env);
    expect((await getQueueResult(second, createExecutionContext())).explicitAcks).toEqual(["erase-1"]);
    await expectErased(account);
    expect(await ledgerBalancesOfOthers(account.userId)).toBeGreaterThan(0);
  });

  it("is sent again by the cron trigger when its queued step was lost", async () => {
    const account = await signUp();
    await markDeleted(db, account.userId, Date.now() - 3_600_000);
    expect(await resendStaleDeletions(env, db)).toBeGreaterThanOrEqual(1);
    await waitFor(
      "the erasure",
      async () => (await db.select().from(users).where(eq(users.id, account.userId)).get())?.erasedAt,
    );
    expect(await cellsHolding([account.email])).toEqual([]);
    expect(await resendStaleDeletions(env, db)).toBe(0);
  });

  it("lets an operator delete an account by email, idempotently", async () => {
    const account = await signUp();
    const ops = await operator();
    const other = await call("/api/admin/account-deletions", {
      method: "POST",
      token: account.token,
      body: JSON.stringify({ email: account.email }),
    });
    expect(other.status).toBe(404);
    for (let i = 0; i < 2; i++) {
      const res = await call("/api/admin/account-deletions", {
        method: "POST",
        token: ops,
        body: JSON.stringify(i ? { userId: account.userId } : { email: account.email }),
      });
      expect(res.status).toBe(202);
      expect((await json(res)).userId).toBe(account.userId);
    }
    await waitFor(
      "the erasure",
      async () => (await db.select().from(users).where(eq(users.id, account.userId)).get())?.erasedAt,
    );
    expect(await cellsHolding([account.email])).toEqual([]);
    expect((await call("/api/me", { token: account.token })).status).toBe(401);
  });
});

async function supabaseToken(sub: string, email: string, issuedAt = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({ email })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(env.SUPABASE_ISSUER)
    .setAudience(env.SUPABASE_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 600)
    .sign(new TextEncoder().encode(env.SUPABASE_JWT_SECRET));
}

describe("deleting a Supabase account", { timeout: 120_000 }, () => {
  it("gets the same deletion, refuses the tokens Supabase issued before it, and leaves Supabase's user alone by default", async () => {
    const sub = crypto.randomUUID();
    const email = `supa-${sub.slice(0, 8)}@example.com`;
    const token = await supabaseToken(sub, email);
    const me = await json(await call("/api/me", { token }));
    expect(me.email).toBe(email);
    const account = await json(await call("/api/account", { token }));
    expect(account.signIn).toBe("supabase");
    const outbound = vi.spyOn(globalThis, "fetch");

    expect(
      (await call("/api/account/deletion", { method: "POST", token, body: JSON.stringify({ email }) })).status,
    ).toBe(202);
    expect((await call("/api/me", { token })).status).toBe(401);
    await waitFor(
      "the erasure",
      async () => (await db.select().from(users).where(eq(users.id, me.id)).get())?.erasedAt,
    );
    expect(outbound.mock.calls.filter(([url]) => String(url).includes("/admin/users/"))).toEqual([]);
    expect(await cellsHolding([email, sub])).toEqual([]);
    expect((await call("/api/me", { token })).status).toBe(401);

    // Signing in again at Supabase later makes a new, empty account.
    const later = await supabaseToken(sub, email, Math.floor(Date.now() / 1000) + 2);
    const fresh = await json(await call("/api/me", { token: later }));
    expect(fresh.id).not.toBe(me.id);
  });

  it("deletes the Supabase user through its admin API when configured to", async () => {
    const seen: { url: string; method: string; apikey: string | null }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, method: request.method, apikey: request.headers.get("apikey") });
      return new Response(null, { status: seen.length === 1 ? 200 : 404 });
    });
    const configured = {
      SUPABASE_DELETE_USERS: "true",
      SUPABASE_ISSUER: "https://abc.supabase.co/auth/v1",
      SUPABASE_SERVICE_ROLE_KEY: "service-role",
    };
    expect(await deleteSupabaseUser(configured, "user-1")).toBe("deleted");
    // Already gone at Supabase (a retried step): still done.
    expect(await deleteSupabaseUser(configured, "user-1")).toBe("deleted");
    expect(seen[0]).toEqual({
      url: "https://abc.supabase.co/auth/v1/admin/users/user-1",
      method: "DELETE",
      apikey: "service-role",
    });
    expect(await deleteSupabaseUser({ ...configured, SUPABASE_DELETE_USERS: "false" }, "user-1")).toBe("kept");
    await expect(deleteSupabaseUser({ ...configured, SUPABASE_SERVICE_ROLE_KEY: undefined }, "user-1")).rejects.toThrow(
      /SUPABASE_SERVICE_ROLE_KEY/,
    );
  });
});

describe("exporting an account, and what engines receive", { timeout: 120_000 }, () => {
  it("gives the account, every order with its brief, lyrics and signed links to its takes, the ledger and gifts", async () => {
    const account = await richAccount();
    const res = await call("/api/account/export", { token: account.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="refrain-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = await json(res);
    expect(data.account).toMatchObject({ id: account.userId, email: account.email, signIn: "password" });
    const done = data.orders.find((o: { id: string }) => o.id === account.doneId);
    expect(done.brief).toMatchObject({
      recipientName: secrets.recipientName,
      relationship: secrets.relationship,
      details: [secrets.detail],
    });
    expect(done.lyrics.sections.flatMap((s: { lines: string[] }) => s.lines)).toContain(account.lyricLine);
    expect(done.takes.length).toBeGreaterThan(0);
    expect(data.orders.find((o: { id: string }) => o.id === account.runningId).status).toBe("LYRICS_READY");
    const audio = await call(done.takes[0].downloadUrl);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toMatch(/^audio\//);
    expect(data.ledger.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(["grant", "hold", "capture"]),
    );
    expect(
      data.ledger.reduce(
        (sum: number, e: { kind: string; amount: number }) =>
          sum + (e.kind === "grant" ? e.amount : e.kind === "capture" ? -e.amount : 0),
        0,
      ),
    ).toBe(data.credits.balance);
    expect(data.gifts).toEqual([
      expect.objectContaining({ id: account.giftId, message: secrets.message, senderName: secrets.senderName }),
    ]);
    expect(data.projects).toEqual([expect.objectContaining({ name: secrets.project })]);
    expect((await call("/api/account/export")).status).toBe(401);
  });

  it("sends a Suno-type engine the lyrics and the style, never the email (as the privacy page says)", async () => {
    const account = await richAccount();
    const tasks: { kind: string; request: Record<string, unknown> }[] = await sim("/__sim/tasks");
    const music = tasks.find((t) => t.kind === "music" && String(t.request.callBackUrl).includes(account.doneId));
    expect(String(music?.request.prompt)).toContain(account.lyricLine);
    expect(music?.request.style).toContain("pop");
    expect(JSON.stringify(music?.request)).not.toContain(secrets.detail);
    for (const task of tasks)
      expect(JSON.stringify(task.request).toLowerCase()).not.toContain(account.email.toLowerCase());
  });
});
