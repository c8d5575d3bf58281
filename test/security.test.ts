import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { UnsecuredJWT } from "jose";
import { Webhook } from "standardwebhooks";
import { beforeEach, describe, expect, it } from "vitest";
import { routingConfigSchema } from "../providers";
import { createApp } from "../worker/app";
import { errorBodySchema } from "../worker/http/errors";
import { callbackUrl } from "../worker/jobs";
import { saveRoutingConfig } from "../worker/routing";
import { database, eventsOf, jobs, routingConfigs } from "./db-access";
import {
  BASE,
  call,
  contextOrder,
  credits,
  json,
  order,
  orderJob,
  signedToken,
  signUp,
  sim,
  waitFor,
  waitForStatus,
} from "./helpers";

const db = database(env.DB);

interface Operation {
  method: string;
  path: string;
  secured: boolean;
  jsonBody: boolean;
}

async function operations(): Promise<Operation[]> {
  const doc = await json(await call("/api/openapi.json"));
  return Object.entries(
    doc.paths as Record<
      string,
      Record<string, { security?: unknown[]; requestBody?: { content?: Record<string, unknown> } }>
    >,
  ).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      secured: Boolean(op.security?.length),
      jsonBody: Boolean(op.requestBody?.content?.["application/json"]),
    })),
  );
}

/** Any id will do where the answer must come before the resource is looked up. */
const anyId = (path: string) => path.replace(/\{[^}]+\}/g, "x");

/** Checks the status and the error body's shape; answers the whole error, extra members included. */
async function expectError(res: Response, status: number, code: string, what: string): Promise<Record<string, any>> {
  expect(res.status, what).toBe(status);
  const body = await res.json();
  expect(errorBodySchema.parse(body).error.code, what).toBe(code);
  return (body as { error: Record<string, unknown> }).error;
}

describe("every bearer-secured route", () => {
  it("refuses a missing, expired, foreign-signed and unsigned token with 401 and the error shape", async () => {
    const ops = (await operations()).filter((o) => o.secured);
    expect(ops.length).toBeGreaterThan(20);
    const { userId } = await signUp();
    const past = Math.floor(Date.now() / 1000) - 60;
    const tokens: Record<string, string | undefined> = {
      none: undefined,
      expired: await signedToken({ iss: "refrain", aud: "refrain-api", sub: userId, exp: past }, env.AUTH_JWT_SECRET),
      "another key": await signedToken(
        { iss: "refrain", aud: "refrain-api", sub: userId },
        "some-other-secret-of-sufficient-length",
      ),
      "alg none": new UnsecuredJWT({ sub: userId })
        .setIssuer("refrain")
        .setAudience("refrain-api")
        .setExpirationTime("5m")
        .encode(),
    };
    for (const op of ops)
      for (const [kind, token] of Object.entries(tokens)) {
        const res = await call(anyId(op.path), {
          method: op.method,
          ...(token ? { token } : {}),
          headers: { "idempotency-key": crypto.randomUUID() },
          ...(op.jsonBody ? { body: "{}" } : {}),
        });
        await expectError(res, 401, "unauthorized", `${kind}: ${op.method} ${op.path}`);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
  });
});

describe("request bodies", () => {
  it("answers malformed JSON with 400 and a body over 64 KB with 413 on every route that takes JSON", async () => {
    const ops = (await operations()).filter((o) => o.jsonBody);
    expect(ops.length).toBeGreaterThan(8);
    const { token: user } = await signUp();
    // Operators' routes hide from everyone else (404) before reading the body.
    const operator = await json(
      await call("/api/auth/signup", {
        method: "POST",
        body: JSON.stringify({ email: "ops@refrain.test", password: "operator passphrase" }),
      }),
    );
    const huge = JSON.stringify({ name: "x".repeat(70_000) });
    for (const op of ops) {
      const token = op.path.startsWith("/api/admin/") ? operator.accessToken : user;
      const headers = { "idempotency-key": crypto.randomUUID() };
      await expectError(
        await call(anyId(op.path), { method: op.method, token, headers, body: "{not json" }),
        400,
        "validation_failed",
        `malformed: ${op.method} ${op.path}`,
      );
      await expectError(
        await call(anyId(op.path), { method: op.method, token, headers, body: huge }),
        413,
        "payload_too_large",
        `oversized: ${op.method} ${op.path}`,
      );
    }
  });

  it("limits engines' callbacks and pages' form posts too, with or without a Content-Length", async () => {
    const big = "x".repeat(70_000);
    await expectError(
      await call("/api/webhooks/suno?job=job_x&token=t", { method: "POST", body: big }),
      413,
      "payload_too_large",
      "webhook",
    );
    await expectError(
      await call("/fr/signup", {
        method: "POST",
        body: `email=${big}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      413,
      "payload_too_large",
      "page form",
    );
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 70; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    await expectError(
      await call("/api/webhooks/suno?job=job_x&token=t", {
        method: "POST",
        body: streamed,
        headers: { "content-type": "application/json" },
      }),
      413,
      "payload_too_large",
      "streamed webhook",
    );
  });
});

describe("signed media links", () => {
  it("refuse a forged signature and a signature made for another take", async () => {
    await sim("/__sim/reset", {});
    const { token } = await signUp();
    const done = await waitForStatus(token, (await orderJob(token)).id, ["SUCCEEDED"]);
    const [a, b] = await Promise.all(
      done.takes.map(
        async (t: { trackId: string }) =>
          new URL((await json(await call(`/api/tracks/${t.trackId}/links`, { token }))).streamUrl, BASE),
      ),
    );
    expect((await call(a!.pathname + a!.search)).status).toBe(200);
    const forged = new URL(a!);
    forged.searchParams.set("sig", "A".repeat(43));
    await expectError(await call(forged.pathname + forged.search), 403, "forbidden", "forged");
    const swapped = new URL(a!);
    swapped.searchParams.set("sig", b!.searchParams.get("sig")!);
    await expectError(await call(swapped.pathname + swapped.search), 403, "forbidden", "another take's signature");
  });
});

describe("engines' callbacks", () => {
  beforeEach(async () => {
    await sim("/__sim/reset", {});
    await db.delete(routingConfigs);
  });

  it("take a signed engine callback once: forged, stale and replayed ones change nothing", async () => {
    await saveRoutingConfig(
      db,
      routingConfigSchema.parse({ arms: [{ provider: "internal", weight: 1 }], failover: ["internal"] }),
      "test",
    );
    const { token } = await signUp();
    const created = await orderJob(token);
    const row = await waitFor("the engine task", async () => {
      const j = await db.select().from(jobs).where(eq(jobs.id, created.id)).get();
      return j?.providerTaskId ? j : null;
    });
    const hook = new URL(await callbackUrl(env, "internal", created.id));
    const path = hook.pathname + hook.search;
    const body = JSON.stringify({
      type: "track.succeeded",
      data: { id: row.providerTaskId!.split(",")[0], status: "succeeded" },
    });
    const signed = (secret: string, at = new Date(), id = `msg_${crypto.randomUUID()}`) => ({
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    });

    await expectError(
      await call(path, { method: "POST", body, headers: signed(`whsec_${btoa("someone-else-entirely-32-bytes!!")}`) }),
      403,
      "forbidden",
      "forged signature",
    );
    await expectError(
      await call(path, {
        method: "POST",
        body,
        headers: signed(env.ENGINE_WEBHOOK_SECRET, new Date(Date.now() - 10 * 60_000)),
      }),
      403,
      "forbidden",
      "stale timestamp",
    );
    await expectError(
      await call(path, {
        method: "POST",
        body,
        headers: { ...signed(env.ENGINE_WEBHOOK_SECRET), "webhook-signature": "v1,bm90IGEgc2lnbmF0dXJl" },
      }),
      403,
      "forbidden",
      "garbage signature",
    );
    const other = new URL(await callbackUrl(env, "internal", "job_someone-else"));
    await expectError(
      await call(`${hook.pathname}?job=${encodeURIComponent(created.id)}&token=${other.searchParams.get("token")}`, {
        method: "POST",
        body,
        headers: signed(env.ENGINE_WEBHOOK_SECRET),
      }),
      403,
      "forbidden",
      "another job's token",
    );

    const good = signed(env.ENGINE_WEBHOOK_SECRET);
    expect(await json(await call(path, { method: "POST", body, headers: good }))).toEqual({
      received: true,
      duplicate: false,
    });
    expect(await json(await call(path, { method: "POST", body, headers: good }))).toEqual({
      received: true,
      duplicate: true,
    });
    // The same message id with a fresh timestamp is not the same signed message: refused.
    await expectError(
      await call(path, {
        method: "POST",
        body,
        headers: { ...good, "webhook-timestamp": String(Math.floor(Date.now() / 1000) + 1) },
      }),
      403,
      "forbidden",
      "re-timed replay",
    );

    expect((await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"])).status).toBe("SUCCEEDED");
    const events = await eventsOf(db, created.id);
    expect((await json(await call(path, { method: "POST", body, headers: good }))).duplicate).toBe(true);
    expect(await eventsOf(db, created.id)).toHaveLength(events.length);
    expect(events.filter((e) => e.type === "music_ready")).toHaveLength(1);
    expect(events.filter((e) => e.type === "delivered")).toHaveLength(1);
  });

  it("take a Suno callback once, and only on its own job's URL", async () => {
    await sim("/__sim/behaviour", { pollsToComplete: 3 });
    const { token } = await signUp();
    const created = await orderJob(token);
    const row = await waitFor("the task", async () => {
      const j = await db.select().from(jobs).where(eq(jobs.id, created.id)).get();
      return j?.providerTaskId ? j : null;
    });
    const [first] = (await sim(`/__sim/tasks/${row.providerTaskId}/callbacks`)) as { url: string; body: unknown }[];
    const url = new URL(first!.url);
    const send = (path: string) => call(path, { method: "POST", body: JSON.stringify(first!.body) });
    expect(await json(await send(url.pathname + url.search))).toEqual({ received: true, duplicate: false });
    expect(await json(await send(url.pathname + url.search))).toEqual({ received: true, duplicate: true });
    const elsewhere = new URL(url);
    elsewhere.searchParams.set("job", "job_someone-else");
    await expectError(await send(elsewhere.pathname + elsewhere.search), 403, "forbidden", "token of another job");
    expect((await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"])).status).toBe("SUCCEEDED");
  });
});

describe("engines' audio addresses", () => {
  const settlements = (ledger: { kind: string; jobId: string | null }[], jobId: string) =>
    ledger.filter((e) => e.jobId === jobId && (e.kind === "capture" || e.kind === "release")).map((e) => e.kind);
  const routeTo = (failover: string[]) =>
    saveRoutingConfig(db, routingConfigSchema.parse({ arms: [{ provider: "suno", weight: 1 }], failover }), "test");

  beforeEach(async () => {
    await sim("/__sim/reset", {});
    await db.delete(routingConfigs);
  });

  it("refuses a take at the cloud metadata address and fails over to the next engine, charging once", async () => {
    await routeTo(["suno", "internal", "instrumental"]);
    await sim("/__sim/behaviour", { audio: "metadata" });
    const { token } = await signUp();
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.provider).toBe("internal");
    const failover = (await eventsOf(db, created.id)).find((e) => e.type === "failover");
    // The refused address goes to the logs; the event people receive says why in a code.
    expect(failover?.data).toMatchObject({ failover: { from: "suno", to: "internal", code: "audio_refused" } });
    expect(settlements((await credits(token)).ledger, created.id)).toEqual(["capture"]);
  });

  it("refuses a redirect to a port that is not an engine's and, with no engine left, fails and refunds", async () => {
    await routeTo([]);
    await sim("/__sim/behaviour", { audio: "redirect-away" });
    const { token } = await signUp();
    const before = await credits(token);
    const created = await orderJob(token);
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("FAILED");
    expect(done.error.code).toBe("audio_refused");
    const after = await credits(token);
    expect(after.balance).toBe(before.balance);
    expect(after.reserved).toBe(0);
    expect(settlements(after.ledger, created.id)).toEqual(["release"]);
  });

  it("follows a redirect that stays on the engine's host", async () => {
    await sim("/__sim/behaviour", { audio: "redirect" });
    const { token } = await signUp();
    const done = await waitForStatus(token, (await orderJob(token)).id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.provider).toBe("suno");
  });
});

describe("security headers", () => {
  it("give HTML a strict CSP whose nonce its inline style carries, fresh on every response", async () => {
    const first = await call("/api/docs");
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    for (const directive of [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("challenges.cloudflare.com");
    expect(await first.text()).toContain(`<style nonce="${nonce}">`);
    expect((await call("/api/docs")).headers.get("content-security-policy")).not.toContain(nonce);
    expect(first.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("permissions-policy")).toContain("camera=()");
    expect(first.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
  });

  it("keep JSON and errors unframeable, and let Turnstile's script and frame in once a site key is set", async () => {
    for (const res of [await call("/api/openapi.json"), await call("/api/me")]) {
      expect(res.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    const withWidget = await limitedApp({ TURNSTILE_SITE_KEY: "1x00000000000000000000AA" })("/api/docs");
    expect(withWidget.headers.get("content-security-policy")).toMatch(
      /script-src 'self' 'nonce-[^']+' https:\/\/challenges\.cloudflare\.com;.*frame-src 'self' https:\/\/challenges\.cloudflare\.com/,
    );
  });
});

/** The Worker's app under an env of its own (the suites share generous limits and no Turnstile). */
/** Places one order through a limited app, under a new Idempotency-Key unless the headers give one. */
function placing(fetch: ReturnType<typeof limitedApp>) {
  return (token: string, headers: Record<string, string> = {}) =>
    fetch("/api/jobs", {
      method: "POST",
      token,
      body: JSON.stringify(contextOrder()),
      headers: { "idempotency-key": crypto.randomUUID(), ...headers },
    });
}

function limitedApp(vars: Partial<Env>) {
  const app = createApp();
  return (path: string, init: RequestInit & { token?: string; ip?: string; turnstile?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set("authorization", `Bearer ${init.token}`);
    if (init.ip) headers.set("cf-connecting-ip", init.ip);
    if (init.turnstile) headers.set("cf-turnstile-response", init.turnstile);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    return app.fetch(
      new Request(new URL(path, BASE), { ...init, headers }),
      { ...env, ...vars },
      createExecutionContext(),
    );
  };
}

let addresses = 0;
/** A fresh documentation address per use: limiter buckets live as long as the test file. */
const ip = () => `203.0.113.${++addresses}`;
const credentials = (email = `abuse-${crypto.randomUUID()}@example.com`, password = "correct horse battery") =>
  JSON.stringify({ email, password });

describe("abuse limits", () => {
  it("throttles sign-in attempts per address and per email, with Retry-After", async () => {
    const fetch = limitedApp({ RATE_LIMIT_SIGNIN: "3/60" });
    const from = ip();
    for (let i = 0; i < 3; i++)
      expect((await fetch("/api/auth/signin", { method: "POST", ip: from, body: credentials() })).status).toBe(401);
    const refused = await fetch("/api/auth/signin", { method: "POST", ip: from, body: credentials() });
    const error = await expectError(refused, 429, "rate_limited", "fourth attempt from one address");
    expect(refused.headers.get("retry-after")).toBe("20");
    expect(error).toMatchObject({ retryAfterSeconds: 20 });
    expect((await fetch("/api/auth/signin", { method: "POST", ip: ip(), body: credentials() })).status).toBe(401);

    const email = `target-${crypto.randomUUID()}@example.com`;
    for (let i = 0; i < 3; i++)
      expect(
        (await fetch("/api/auth/signin", { method: "POST", ip: ip(), body: credentials(email, "guess number one") }))
          .status,
      ).toBe(401);
    await expectError(
      await fetch("/api/auth/signin", {
        method: "POST",
        ip: ip(),
        body: credentials(email.toUpperCase(), "guess number four"),
      }),
      429,
      "rate_limited",
      "fourth guess at one email",
    );
  });

  it("throttles sign-ups per address", async () => {
    const fetch = limitedApp({ RATE_LIMIT_SIGNUP: "2/3600" });
    const from = ip();
    for (let i = 0; i < 2; i++)
      expect((await fetch("/api/auth/signup", { method: "POST", ip: from, body: credentials() })).status).toBe(201);
    const refused = await fetch("/api/auth/signup", { method: "POST", ip: from, body: credentials() });
    await expectError(refused, 429, "rate_limited", "third account from one address");
    expect(refused.headers.get("retry-after")).toBe("1800");
    expect((await fetch("/api/auth/signup", { method: "POST", ip: ip(), body: credentials() })).status).toBe(201);
  });

  it("throttles new orders per user, but never a retry of an order already made", async () => {
    const place = placing(limitedApp({ RATE_LIMIT_JOBS: "2/60" }));
    const { token } = await signUp();
    const keys = [crypto.randomUUID(), crypto.randomUUID()];
    for (const key of keys) expect((await place(token, { "idempotency-key": key })).status).toBe(202);
    const refused = await place(token);
    await expectError(refused, 429, "rate_limited", "third order in a minute");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const retried = await place(token, { "idempotency-key": keys[0]! });
    expect(retried.status).toBe(202);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    // Someone else is not held back.
    expect((await order((await signUp()).token)).status).toBe(202);
  });

  it("throttles new orders per address too, whichever account places them", async () => {
    const place = placing(limitedApp({ RATE_LIMIT_JOBS_IP: "2/60" }));
    const from = (ip: string) => ({ "cf-connecting-ip": ip });
    for (let i = 0; i < 2; i++) expect((await place((await signUp()).token, from("203.0.113.7"))).status).toBe(202);
    const refused = await place((await signUp()).token, from("203.0.113.7"));
    await expectError(refused, 429, "rate_limited", "third order from one address in a minute");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await place((await signUp()).token, from("198.51.100.20"))).status).toBe(202);
  });

  it("stops orders past the daily quota until the next UTC day, whatever the credits", async () => {
    const place = placing(limitedApp({ DAILY_JOB_QUOTA: "2" }));
    const { token } = await signUp(100);
    for (let i = 0; i < 2; i++) expect((await place(token)).status).toBe(202);
    const refused = await place(token);
    const error = await expectError(refused, 429, "quota_exceeded", "third order of the day");
    expect(error.message).toMatch(/2 songs for today.*00:00 UTC/);
    const untilMidnight = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
    expect(Math.abs(Number(refused.headers.get("retry-after")) - untilMidnight)).toBeLessThan(5);
    expect((await credits(token)).available).toBeGreaterThan(Number(env.CREDITS_PER_SONG));
  });
});

describe("Turnstile", () => {
  const PASS = "1x0000000000000000000000000000000AA";
  const FAIL = "2x0000000000000000000000000000000AA";
  const SPENT = "3x0000000000000000000000000000000AA";
  const DUMMY = "XXXX.DUMMY.TOKEN.XXXX";

  it("is required on sign-up once a secret is set, and checked with siteverify", async () => {
    const passing = limitedApp({ TURNSTILE_SECRET_KEY: PASS });
    const missing = await expectError(
      await passing("/api/auth/signup", { method: "POST", ip: ip(), body: credentials() }),
      403,
      "challenge_failed",
      "no token",
    );
    expect(missing.fields).toEqual({ "cf-turnstile-response": ["missing"] });
    expect(
      (await passing("/api/auth/signup", { method: "POST", ip: ip(), body: credentials(), turnstile: DUMMY })).status,
    ).toBe(201);

    const failing = await expectError(
      await limitedApp({ TURNSTILE_SECRET_KEY: FAIL })("/api/auth/signup", {
        method: "POST",
        ip: ip(),
        body: credentials(),
        turnstile: DUMMY,
      }),
      403,
      "challenge_failed",
      "failing secret",
    );
    expect(failing.fields["cf-turnstile-response"]).toEqual(["invalid-input-response"]);
    const spent = await expectError(
      await limitedApp({ TURNSTILE_SECRET_KEY: SPENT })("/api/auth/signup", {
        method: "POST",
        ip: ip(),
        body: credentials(),
        turnstile: DUMMY,
      }),
      403,
      "challenge_failed",
      "spent token",
    );
    expect(spent.fields["cf-turnstile-response"]).toEqual(["timeout-or-duplicate"]);
    // A real secret refuses the dummy token the test site keys hand out.
    await expectError(
      await limitedApp({ TURNSTILE_SECRET_KEY: "0x4AAAAAAAreal-secret" })("/api/auth/signup", {
        method: "POST",
        ip: ip(),
        body: credentials(),
        turnstile: DUMMY,
      }),
      403,
      "challenge_failed",
      "dummy token, real secret",
    );
  });

  it("is required on new orders, not on their retries", async () => {
    const fetch = limitedApp({ TURNSTILE_SECRET_KEY: PASS });
    const { token } = await signUp();
    const key = crypto.randomUUID();
    const body = JSON.stringify(contextOrder());
    await expectError(
      await fetch("/api/jobs", { method: "POST", token, body, headers: { "idempotency-key": key } }),
      403,
      "challenge_failed",
      "order without a token",
    );
    expect(
      (await fetch("/api/jobs", { method: "POST", token, body, headers: { "idempotency-key": key }, turnstile: DUMMY }))
        .status,
    ).toBe(202);
    const retried = await fetch("/api/jobs", { method: "POST", token, body, headers: { "idempotency-key": key } });
    expect(retried.status).toBe(202);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
  });

  it("answers 503 when siteverify cannot be reached, and stays off without a secret", async () => {
    const unreachable = limitedApp({
      TURNSTILE_SECRET_KEY: PASS,
      TURNSTILE_VERIFY_URL: "http://127.0.0.1:9/siteverify",
    });
    const res = await unreachable("/api/auth/signup", {
      method: "POST",
      ip: ip(),
      body: credentials(),
      turnstile: DUMMY,
    });
    await expectError(res, 503, "unavailable", "siteverify down");
    expect(res.headers.get("retry-after")).toBe("60");
    expect((await call("/api/auth/signup", { method: "POST", body: credentials() })).status).toBe(201);
  });
});
