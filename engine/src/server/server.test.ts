import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RenderRequest } from "../pipeline/contract";
import { ENGINE_OPENAPI } from "./app";
import { createEngine } from "./engine";
import { ORPHANED_AFTER_MS, TrackStore } from "./tracks";

const TOKEN = "engine-test-token";
const SECRET = `whsec_${Buffer.from("a-webhook-secret-of-32-bytes!!!!").toString("base64")}`;
const thread = new URL("../../test-fixtures/sleepy-thread.mjs", import.meta.url);
const received: { headers: Record<string, string>; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers as Record<string, string>, body });
    res.writeHead(204).end();
  });
});
let callbackUrl = "";
let engine: Awaited<ReturnType<typeof createEngine>>;

// The tests read the gateway's JSON loosely; the contract test checks its shape.
const json = async (res: Response): Promise<any> => res.json();
const call = async (path: string, init: RequestInit & { auth?: boolean } = {}): Promise<Response> =>
  engine.app.request(path, {
    ...init,
    headers: {
      ...(init.auth === false ? {} : { authorization: `Bearer ${TOKEN}` }),
      "content-type": "application/json",
      ...(init.headers as Record<string, string>),
    },
  });
const submit = (body: Record<string, unknown> = {}) =>
  call("/v1/tracks", {
    method: "POST",
    body: JSON.stringify({
      lyrics: null,
      styleTags: ["pop"],
      durationSeconds: 10,
      vocal: "instrumental",
      language: "fr",
      seed: 7,
      ...body,
    }),
  });
const until = async (id: string, statuses: string[]) => {
  for (;;) {
    const track = await json(await call(`/v1/tracks/${id}`));
    if (statuses.includes(track.status)) return track;
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  engine = await createEngine(
    {
      port: 0,
      publicUrl: "http://engine.test",
      token: TOKEN,
      webhookSecret: SECRET,
      concurrency: 1,
      maxQueue: 1,
      dataDir: mkdtempSync(join(tmpdir(), "engine-test-")),
      retentionMs: 60_000,
    },
    thread,
    () => undefined,
  );
});
afterAll(async () => {
  await engine.close(100);
  receiver.close();
});

describe("the engine gateway", () => {
  it("refuses calls without the bearer token", async () => {
    expect((await submit({}).then(() => call("/v1/tracks/x", { auth: false }))).status).toBe(401);
    expect((await call("/v1/tracks", { method: "POST", auth: false, body: "{}" })).status).toBe(401);
  });

  it("answers a submission at once, reports progress, and serves the audio by signed link with Range", async () => {
    const res = await submit({ durationSeconds: 20, callbackUrl });
    expect(res.status).toBe(202);
    const { id, status } = await json(res);
    expect(status).toBe("queued");
    const done = await until(id, ["succeeded", "failed"]);
    expect(done.status).toBe("succeeded");
    expect(done.progress).toBe(1);
    expect(done.result).toMatchObject({ durationSeconds: 20, loudnessLufs: -14, model: "refrain-builtin" });

    const link = new URL(done.result.audio.mp3);
    const whole = await call(link.pathname + link.search, { auth: false });
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("audio/mpeg");
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfb]);
    const size = bytes.byteLength;
    const part = await call(link.pathname + link.search, { auth: false, headers: { range: "bytes=10-19" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${size}`);
    const forged = new URL(link);
    forged.searchParams.set("format", "wav");
    expect((await call(forged.pathname + forged.search, { auth: false })).status).toBe(401);

    // The callback is signed per Standard Webhooks and verifies with the shared secret.
    for (let i = 0; i < 50 && !received.length; i++) await new Promise((r) => setTimeout(r, 20));
    const hook = received.at(-1)!;
    const verified = new Webhook(SECRET).verify(hook.body, hook.headers) as { type: string; data: { id: string } };
    expect(verified).toEqual({ type: "track.succeeded", data: { id, status: "succeeded" } });
  });

  it("answers 429 with Retry-After when its queue is full, and validates input", async () => {
    const first = await json(await submit({ durationSeconds: 200 }));
    const second = await submit({ durationSeconds: 200 });
    expect(second.status).toBe(202);
    const third = await submit({ durationSeconds: 200 });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("10");
    expect((await json(third)).error.code).toBe("busy");
    const bad = await submit({ vocal: "choir", durationSeconds: 5 });
    expect(bad.status).toBe(400);

    // Cancel stops the running one and the queued one; both report canceled.
    const canceled = await json(await call(`/v1/tracks/${first.id}`, { method: "DELETE" }));
    expect(canceled.status).toBe("canceled");
    const other = await json(await call(`/v1/tracks/${(await json(second)).id}`, { method: "DELETE" }));
    expect(other.status).toBe("canceled");
    expect((await call("/v1/tracks/trk_nope")).status).toBe(404);
  });

  it("publishes its contract, and the copy in the repository is current", async () => {
    const doc = engine.app.getOpenAPI31Document(ENGINE_OPENAPI);
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(["/v1/tracks", "/v1/tracks/{id}"]));
    const committed = JSON.parse(readFileSync(new URL("../../openapi.json", import.meta.url), "utf8"));
    expect(committed, "run `npm run engine:openapi` to refresh engine/openapi.json").toEqual(
      JSON.parse(JSON.stringify(doc)),
    );
  });
});

describe("a render left by a gateway that stopped", () => {
  const config = {
    port: 0,
    publicUrl: "http://engine.test",
    token: TOKEN,
    webhookSecret: null,
    concurrency: 1,
    maxQueue: 1,
    dataDir: mkdtempSync(join(tmpdir(), "engine-orphan-")),
    retentionMs: 60_000,
  };
  const request: RenderRequest = {
    lyrics: null,
    styleTags: ["pop"],
    durationSeconds: 30,
    vocal: "instrumental",
    language: "fr",
    seed: 1,
  };

  it("is reported failed by the gateways sharing its folder once its own stops writing, and not before", async () => {
    const gone = new TrackStore(config);
    const other = new TrackStore(config);
    await gone.init();
    const record = gone.create(request, null);
    record.status = "running";
    gone.save(record);
    const now = Date.now();
    // Its gateway is at it: the others say so.
    expect(other.get(record.id, now + ORPHANED_AFTER_MS - 1_000)?.status).toBe("running");
    // Its gateway went silent (the process was killed, or the engine restarted): nobody will finish it.
    const orphaned = other.get(record.id, now + ORPHANED_AFTER_MS + 1_000)!;
    expect(other.view(orphaned)).toMatchObject({ status: "failed", error: { code: "interrupted" }, result: null });
    // A gateway still at it says so by rewriting its records; the others see it alive again.
    gone.beat();
    expect(other.get(record.id, Date.now() + ORPHANED_AFTER_MS - 1_000)?.status).toBe("running");
    // Its own gateway answers from memory, and a finished render is never called interrupted.
    expect(gone.get(record.id, now + 10 * ORPHANED_AFTER_MS)?.status).toBe("running");
    record.status = "succeeded";
    gone.save(record);
    expect(other.get(record.id, now + 10 * ORPHANED_AFTER_MS)?.status).toBe("succeeded");
  });
});
