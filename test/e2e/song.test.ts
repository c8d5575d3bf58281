import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, ebur128 } from "../../engine/test-helpers/ffmpeg";
import { startStack, type Stack } from "./stack";

// `npm start` on a fresh state folder, with no network: a French birthday song is ordered, written,
// sung, played by the band, mastered, stored in R2 and downloaded, all by the product itself.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

// The test reads the API's JSON loosely; the worker tests check its shapes.
const body = async (response: Response): Promise<any> => response.json();

async function api(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body) headers.set("content-type", "application/json");
  return fetch(`${stack.url}${path}`, { ...init, headers });
}

/** Follows the job's SSE stream to its end, as the web app does. */
async function follow(jobId: string, token: string): Promise<{ type: string; status: string; data: Record<string, unknown> }[]> {
  const response = await api(`/api/jobs/${jobId}/events`, { token });
  const events = [];
  let buffer = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
      const data = buffer.slice(0, cut).split("\n").find((l) => l.startsWith("data:"));
      buffer = buffer.slice(cut + 2);
      if (data) events.push(JSON.parse(data.slice(5)));
    }
  }
  return events;
}

describe("the local stack makes a real song with no network", () => {
  it("orders, sings, masters, stores and serves a French song", async () => {
    const session = await body(await api("/api/auth/signin", { method: "POST", body: JSON.stringify({ email: "demo@refrain.local", password: "refrain-demo" }) }));
    const token = session.accessToken as string;
    const before = await body(await api("/api/credits", { token }));
    const order = await api("/api/jobs", {
      method: "POST",
      token,
      headers: { "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify({
        mode: "context",
        occasion: "anniversaire",
        recipientName: "Marie",
        relationship: "ma sœur",
        details: ["elle fait du surf chaque matin", "elle rit de tout"],
        language: "fr",
        styleTags: ["pop"],
        mood: "joyeux",
        vocal: "female",
        durationSeconds: 40,
      }),
    });
    expect(order.status).toBe(202);
    const job = await body(order);
    const events = await follow(job.id, token);
    const last = events.at(-1)!;
    expect(last.status, JSON.stringify(events.map((e) => [e.type, e.data]))).toBe("SUCCEEDED");
    for (const status of ["WRITING_LYRICS", "GENERATING_MUSIC", "POSTPROCESSING", "DELIVERING"]) expect(events.some((e) => e.status === status)).toBe(true);

    const done = await body(await api(`/api/jobs/${job.id}`, { token }));
    expect(done.provider).toBe("internal");
    expect(done.takes).toHaveLength(2);
    const chorus = done.lyrics.sections.find((s: { kind: string }) => s.kind === "chorus");
    expect(chorus.lines.join(" ")).toContain("Marie");

    const folder = mkdtempSync(join(tmpdir(), "refrain-e2e-audio-"));
    const links = await body(await api(`/api/tracks/${done.takes[0].trackId}/links`, { token }));
    const mp3 = join(folder, "take.mp3");
    const wav = join(folder, "take.wav");
    writeFileSync(mp3, new Uint8Array(await (await api(links.downloadUrl)).arrayBuffer()));
    writeFileSync(wav, new Uint8Array(await (await api(links.wavDownloadUrl)).arrayBuffer()));
    const decoded = await decode(mp3);
    expect(decoded.codec).toBe("mp3");
    expect(decoded.errors).toBe("");
    expect(Math.abs(decoded.durationSec - 40)).toBeLessThanOrEqual(2);
    const loudness = await ebur128(wav);
    expect(Math.abs(loudness.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
    expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-1);

    const after = await body(await api("/api/credits", { token }));
    expect(after.balance).toBe(before.balance - done.credits);
    expect(after.reserved).toBe(0);
  }, 300_000);
});
