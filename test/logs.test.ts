import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callbackUrl } from "../worker/jobs";
import { redact } from "../worker/observability";
import { database, jobs, routingConfigs } from "./db-access";
import { call, contextOrder, json, order, sim, waitFor, waitForStatus } from "./helpers";

const db = database(env.DB);
const refreshCookie = (res: Response) => /refrain_refresh=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? "";

// Everything the Worker prints, from the API, the queue consumers and the job objects alike (they share this isolate).
const lines: string[] = [];
beforeAll(() => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
});
afterAll(() => vi.restoreAllMocks());

const taskOf = (jobId: string) =>
  waitFor("the engine task", async () => {
    const row = await db.select().from(jobs).where(eq(jobs.id, jobId)).get();
    return row?.providerTaskId ? row : null;
  });

describe("logs", () => {
  it("are one JSON object per line, tied to requests, jobs and engines, and never carry a credential", async () => {
    await sim("/__sim/reset", {});
    await db.delete(routingConfigs);
    await sim("/__sim/behaviour", { pollsToComplete: 3 });
    const secrets: string[] = [];
    const password = "a very secret passphrase 42";
    secrets.push(password);

    // Sign up, sign in, refresh: passwords, access tokens and refresh cookies go by.
    const email = `logs-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const up = await call("/api/auth/signup", { method: "POST", body: JSON.stringify({ email, password }) });
    expect(up.status).toBe(201);
    const token = (await json(up)).accessToken as string;
    secrets.push(token, refreshCookie(up));
    const signin = await call("/api/auth/signin", { method: "POST", body: JSON.stringify({ email, password }) });
    secrets.push((await json(signin)).accessToken, refreshCookie(signin));
    const refreshed = await call("/api/auth/refresh", {
      method: "POST",
      headers: { cookie: `refrain_refresh=${refreshCookie(signin)}` },
    });
    expect(refreshed.status).toBe(200);
    secrets.push((await json(refreshed)).accessToken, refreshCookie(refreshed));
    const wrongPassword = "not the passphrase at all";
    expect(
      (await call("/api/auth/signin", { method: "POST", body: JSON.stringify({ email, password: wrongPassword }) }))
        .status,
    ).toBe(401);
    const forgedBearer = "forged-bearer-token-0123456789";
    expect((await call("/api/jobs", { headers: { authorization: `Bearer ${forgedBearer}` } })).status).toBe(401);
    secrets.push(wrongPassword, forgedBearer);

    // An order whose engine calls back (its callback URLs carry the job's token), then its signed links.
    const created = await json(await order(token));
    const task = await taskOf(created.id);
    for (const cb of (await sim(`/__sim/tasks/${task.providerTaskId}/callbacks?order=duplicate`)) as {
      url: string;
      body: unknown;
    }[]) {
      const url = new URL(cb.url);
      secrets.push(url.searchParams.get("token")!);
      expect((await call(url.pathname + url.search, { method: "POST", body: JSON.stringify(cb.body) })).status).toBe(
        200,
      );
    }
    const done = await waitForStatus(token, created.id, ["SUCCEEDED", "FAILED"]);
    expect(done.status).toBe("SUCCEEDED");
    const links = await json(await call(`/api/tracks/${done.takes[0].trackId}/links`, { token }));
    for (const link of [links.streamUrl, links.downloadUrl])
      secrets.push(new URL(link, "http://x").searchParams.get("sig")!);
    expect((await call(links.streamUrl)).status).toBe(200);
    const share = await json(await call(`/api/tracks/${done.takes[0].trackId}/share`, { method: "POST", token }));
    secrets.push(share.token);
    const shared = await call(`/api/public/tracks/${done.takes[0].trackId}?t=${encodeURIComponent(share.token)}`);
    expect(shared.status).toBe(200);
    secrets.push(new URL((await json(shared)).streamUrl, "http://x").searchParams.get("sig")!);

    // The engine's signed callbacks, a good one and a forged one.
    const ops = await call("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email: "ops@refrain.test", password }),
    });
    const opsToken = (await json(ops)).accessToken as string;
    secrets.push(opsToken, refreshCookie(ops));
    const internal = await json(await order(opsToken, contextOrder({ engine: "internal" })));
    const internalTask = await taskOf(internal.id);
    const hook = new URL(await callbackUrl(env, "internal", internal.id));
    secrets.push(hook.searchParams.get("token")!);
    const body = JSON.stringify({
      type: "track.succeeded",
      data: { id: internalTask.providerTaskId!.split(",")[0], status: "succeeded" },
    });
    for (const secret of [env.ENGINE_WEBHOOK_SECRET, `whsec_${btoa("someone-else-entirely-32-bytes!!")}`]) {
      const id = `msg_${crypto.randomUUID()}`;
      const signature = new Webhook(secret).sign(id, new Date(), body);
      secrets.push(signature);
      await call(hook.pathname + hook.search, {
        method: "POST",
        body,
        headers: {
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
          "webhook-signature": signature,
        },
      });
    }
    expect((await waitForStatus(opsToken, internal.id, ["SUCCEEDED", "FAILED"])).status).toBe("SUCCEEDED");

    // A failure: the engine refuses the song.
    await sim("/__sim/behaviour", { outcome: "sensitive", pollsToComplete: 1 });
    const refused = await json(await order(token));
    expect((await waitForStatus(token, refused.id, ["SUCCEEDED", "FAILED"])).status).toBe("FAILED");

    for (const name of [
      "AUTH_JWT_SECRET",
      "MEDIA_SIGNING_SECRET",
      "SUPABASE_JWT_SECRET",
      "ENGINE_TOKEN",
      "ENGINE_WEBHOOK_SECRET",
    ] as const)
      secrets.push(env[name]);
    secrets.push(env.ENGINE_WEBHOOK_SECRET.slice("whsec_".length));

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(30);
    for (const entry of entries) expect(entry).toMatchObject({ level: expect.any(String), msg: expect.any(String) });
    const leaks = secrets
      .filter(Boolean)
      .flatMap((secret) =>
        lines.filter((line) => line.includes(secret)).map((line) => `${secret.slice(0, 12)}… in ${line}`),
      );
    expect(leaks).toEqual([]);

    // Each request, step, engine call and transition can be found by its ids.
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: "request",
        method: "POST",
        path: "/api/jobs",
        status: 202,
        jobId: created.id,
        user: expect.any(String),
        requestId: expect.any(String),
        latencyMs: expect.any(Number),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: "request", path: "/api/auth/signin", status: 401, error: "unauthorized" }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: "step done",
        jobId: created.id,
        role: "music",
        requestId: expect.any(String),
        latencyMs: expect.any(Number),
      }),
    );
    // A job's engine calls that answered are in its log, not lines of their own; an engine's refusal is a line.
    expect(entries.filter((e) => e.msg === "provider call" && e.jobId === created.id)).toEqual([]);
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: "engine failure", jobId: refused.id, provider: "suno", level: "warn" }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: "job transition",
        jobId: created.id,
        to: "SUCCEEDED",
        captured: 10,
        released: 0,
        provider: "suno",
        user: expect.any(String),
        costCents: expect.any(Number),
        durationMs: expect.any(Number),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: "job transition",
        jobId: refused.id,
        to: "FAILED",
        error: "content_refused",
        level: "warn",
      }),
    );
  });

  it("masks credentials by field name and inside text", () => {
    expect(
      redact({
        headers: { authorization: "Bearer abc", cookie: "refrain_refresh=xyz" },
        password: "hunter22",
        error: new Error("POST https://api.example/cb?job=1&token=s3cr3t failed: Bearer eyJhbGciOi.eyJzdWIiOi.sig"),
        url: "/api/media/trk_1?exp=1&sig=abcdef",
        note: "signed with whsec_QUJDREVGR0g= as v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
      }),
    ).toEqual({
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
      password: "[redacted]",
      error: "Error: POST https://api.example/cb?job=1&token=[redacted] failed: Bearer [redacted]",
      url: "/api/media/trk_1?exp=1&sig=[redacted]",
      note: "signed with whsec_[redacted] as v1,[redacted]",
    });
  });
});
