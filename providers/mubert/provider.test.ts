import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { ProviderError, type TrackRequest } from "../contract";
import { InstrumentalFallbackProvider } from "../instrumental/provider";
import { MubertProvider } from "./provider";

const base = env.MUBERT_BASE_URL;
const sim = (path: string, body: unknown = {}) =>
  fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
const provider = (overrides: Partial<ConstructorParameters<typeof MubertProvider>[0]> = {}) =>
  new MubertProvider({ baseUrl: base, companyId: "sim-company", licenseToken: env.MUBERT_LICENSE_TOKEN, ...overrides });
const order: TrackRequest = {
  jobId: "job_1",
  title: "Pour Marie",
  lyrics: null,
  styleTags: ["folk", "acoustic"],
  mood: "calm",
  vocal: "instrumental",
  language: "fr",
  durationSeconds: 90,
  seed: 3,
};

beforeEach(async () => {
  await sim("/__sim/reset");
});

describe("the Mubert adapter", () => {
  it("creates a customer, submits a track with Mubert's fields, polls it and returns its download", async () => {
    const mubert = provider();
    const { taskId } = await mubert.createTrack(order);
    const [sent] = await fetch(`${base}/__sim/tracks`).then((r) => r.json() as Promise<any[]>);
    expect(sent.body).toEqual({
      prompt: "calm, folk, acoustic",
      duration: 90,
      bitrate: 192,
      format: "mp3",
      intensity: "low",
      mode: "track",
    });
    expect(await mubert.getStatus(taskId)).toEqual({ state: "succeeded" });
    const { takes } = await mubert.fetchResult(taskId);
    const audio = await fetch(takes[0]!.audioUrl);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    expect(new Uint8Array(await audio.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0xff, 0xfb]));
  });

  it("reports a running generation, then a failed one", async () => {
    await sim("/__sim/behaviour", { pollsToComplete: 2, outcome: "fail" });
    const mubert = provider();
    const { taskId } = await mubert.createTrack(order);
    expect((await mubert.getStatus(taskId)).state).toBe("running");
    expect(await mubert.getStatus(taskId)).toMatchObject({ state: "failed", error: { kind: "unavailable" } });
  });

  it("maps refused credentials to unavailable and a refused request to rejected", async () => {
    const wrong = provider({ licenseToken: "nope" });
    await expect(wrong.createTrack(order)).rejects.toMatchObject({ kind: "unavailable" });
    await expect(provider().createTrack({ ...order, durationSeconds: 0 })).rejects.toBeInstanceOf(ProviderError);
    await expect(provider().createTrack({ ...order, durationSeconds: 0 })).rejects.toMatchObject({ kind: "rejected" });
  });

  it("serves as the instrumental fallback: whatever was ordered, the engine gets no lyrics", async () => {
    const fallback = new InstrumentalFallbackProvider(provider());
    const { taskId } = await fallback.createTrack({
      ...order,
      vocal: "female",
      lyrics: { title: "x", sections: [{ kind: "verse", lines: ["la la"] }] },
    });
    expect(fallback.id).toBe("instrumental");
    expect((await fallback.fetchResult(taskId)).takes).toHaveLength(1);
  });
});
