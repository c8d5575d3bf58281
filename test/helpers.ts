import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { expect } from "vitest";
import type { Job } from "../db";
import { type JobObject, jobStub } from "../worker/jobs";
import { database, grantStatements, jobs } from "./db-access";

export const BASE = "http://refrain.test";

export function call(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return exports.default.fetch(new Request(new URL(path, BASE), { ...init, headers }));
}

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** An HS256 access token with these claims, signed with `secret`: the tests forge tokens with it. */
export async function signedToken(
  claims: { iss: string; aud: string; sub: string; exp?: number | string; email?: string },
  secret: string,
): Promise<string> {
  const jwt = new SignJWT(claims.email ? { email: claims.email } : {})
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setSubject(claims.sub)
    .setIssuedAt();
  return jwt.setExpirationTime(claims.exp ?? "5m").sign(new TextEncoder().encode(secret));
}

let accounts = 0;
export async function signUp(extraCredits = 0): Promise<{ token: string; userId: string; email: string }> {
  const email = `person${++accounts}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await call("/api/auth/signup", {
    method: "POST",
    body: JSON.stringify({ email, password: "correct horse battery" }),
  });
  expect(res.status).toBe(201);
  const body = await json(res);
  if (extraCredits) {
    const db = database(env.DB);
    await db.batch([
      ...grantStatements(
        db,
        body.user.id,
        extraCredits,
        { kind: "added", text: "test top-up" },
        `test:${crypto.randomUUID()}`,
      ),
    ]);
  }
  return { token: body.accessToken, userId: body.user.id, email };
}

export const contextOrder = (overrides: Record<string, unknown> = {}) => ({
  mode: "context",
  occasion: "a birthday",
  recipientName: "Marie",
  relationship: "my sister",
  details: ["she surfs every morning", "she laughs at everything"],
  language: "fr",
  styleTags: ["pop"],
  mood: "joyful",
  vocal: "female",
  durationSeconds: 120,
  ...overrides,
});

export async function order(
  token: string,
  body: unknown = contextOrder(),
  key: string = crypto.randomUUID(),
): Promise<Response> {
  return call("/api/jobs", { method: "POST", token, body: JSON.stringify(body), headers: { "idempotency-key": key } });
}

export async function orderJob(token: string, body: unknown = contextOrder()): Promise<any> {
  const res = await order(token, body);
  expect(res.status).toBe(202);
  return json(res);
}

export async function getJob(token: string, id: string): Promise<any> {
  const res = await call(`/api/jobs/${id}`, { token });
  expect(res.status).toBe(200);
  return json(res);
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 25_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const waitForStatus = (token: string, id: string, statuses: string[], timeoutMs?: number) =>
  waitFor(
    `job ${id} to reach ${statuses.join("|")}`,
    async () => {
      const job = await getJob(token, id);
      return statuses.includes(job.status) ? job : null;
    },
    timeoutMs,
  );

export async function credits(
  token: string,
): Promise<{ balance: number; reserved: number; available: number; ledger: any[] }> {
  const res = await call("/api/credits", { token });
  expect(res.status).toBe(200);
  return json(res);
}

export async function sim(path: string, body?: unknown): Promise<any> {
  const res = await fetch(
    new URL(path, env.SUNO_API_BASE_URL),
    body === undefined
      ? {}
      : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } },
  );
  return res.headers.get("content-type")?.includes("json") ? res.json() : res.text();
}

/** Reads an SSE response until it ends (or `stopAfter` events), returning the parsed events. */
export async function readEvents(
  response: Response,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<{ id: number; event: string; data: any }[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { id: number; event: string; data: any }[] = [];
  let buffer = "";
  while (events.length < stopAfter) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const fields = Object.fromEntries(
        block
          .split("\n")
          .filter((l) => l && !l.startsWith(":"))
          .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]),
      );
      if (fields.data !== undefined)
        events.push({ id: Number(fields.id), event: fields.event ?? "message", data: JSON.parse(fields.data) });
    }
  }
  await reader.cancel().catch(() => undefined);
  return events;
}

/** The operator account (ADMIN_EMAILS in the test config), signed up on first use. */
export async function operator(): Promise<string> {
  const credentials = JSON.stringify({ email: "ops@refrain.test", password: "operator passphrase" });
  const res = await call("/api/auth/signup", { method: "POST", body: credentials });
  if (res.status === 201) return (await json(res)).accessToken as string;
  return (await json(await call("/api/auth/signin", { method: "POST", body: credentials }))).accessToken as string;
}

/** A job row written straight to D1, for tests that need a history (metrics, alerts, the admin console). */
export function jobRow(userId: string, overrides: Partial<Job> = {}): Job {
  const now = Date.now();
  return {
    id: `job_${crypto.randomUUID()}`,
    userId,
    projectId: null,
    status: "SUCCEEDED",
    mode: "context",
    title: null,
    credits: 10,
    provider: "suno",
    providerTaskId: null,
    arm: "arm:suno",
    providerChain: [],
    providersTried: ["suno"],
    errorCode: null,
    errorMessage: null,
    chosenTrackId: null,
    approveLyrics: false,
    drafts: 0,
    parentJobId: null,
    deadlineAt: now + 900_000,
    waitedMs: 0,
    lastSeq: 1,
    createdAt: now - 3_600_000,
    updatedAt: now - 1_800_000,
    finishedAt: null,
    ...overrides,
  };
}

/** A job that took `seconds` from order to end and finished `agoMs` before now. */
export function finishedJob(
  userId: string,
  status: Job["status"],
  provider: string,
  seconds: number,
  agoMs = 1_800_000,
): Job {
  const end = Date.now() - agoMs;
  return jobRow(userId, { status, provider, createdAt: end - seconds * 1000, updatedAt: end, finishedAt: end });
}

/** One statement per row: D1 takes at most 100 bound parameters per query. */
export async function insertJobs(rows: Job[]): Promise<void> {
  const db = database(env.DB);
  const [first, ...rest] = rows.map((r) => db.insert(jobs).values(r));
  if (first) await db.batch([first, ...rest]);
}

/**
 * Moves a running job's deadline into the past: in D1, and in the copy its object holds (the object reads
 * its job from D1 only once), so the next alarm sees it expired.
 */
export async function pastDeadline(jobId: string): Promise<void> {
  const at = Date.now() - 1;
  await database(env.DB).update(jobs).set({ deadlineAt: at }).where(eq(jobs.id, jobId));
  await runInDurableObject(jobStub(env, jobId), async (object: JobObject, state) => {
    const held = await state.storage.get<{ job: Job }>("held");
    if (held) await state.storage.put("held", { ...held, job: { ...held.job, deadlineAt: at } });
    Reflect.set(object, "held", null);
  });
}
