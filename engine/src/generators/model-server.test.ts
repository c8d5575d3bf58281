import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Lyrics } from "../../../domain/lyrics";
import { toneSinger } from "../../test-helpers/tone-singer";
import { readWav } from "../../test-helpers/wav";
import { integratedLoudness } from "../audio/loudness";
import { encodeWav } from "../audio/wav";
import { createRenderSong } from "../pipeline/render";
import type { SectionToGenerate } from "./contract";
import { generatorFromEnv } from "./from-env";
import {
  chunkOverlapSec,
  type GenerationRequest,
  ModelServerError,
  ModelServerGenerator,
  type ModelServerOptions,
  maxChunkSec,
} from "./model-server";

/** What the fake answers for one generation: the audio it "made", and how it behaves on the way. */
interface FakeBehaviour {
  /** PCM the model returns for a request (any rate, mono or stereo). */
  audio: (request: GenerationRequest) => { sampleRate: number; channels: Float32Array[] };
  /** Polls answered `running` before the generation succeeds. */
  pollsBeforeDone: number;
  /** Submissions refused with 429 before one is accepted. */
  busySubmissions: number;
  /** Set: the generation fails with this error. */
  failWith?: string;
  /** The generation never finishes. */
  stuck: boolean;
}

/** A local stand-in for the GPU model server, speaking the contract in docs/engine.md. */
class FakeModelServer {
  readonly token = "model-token";
  readonly submitted: { body: GenerationRequest; headers: IncomingMessage["headers"] }[] = [];
  readonly cancelled: string[] = [];
  readonly polls = new Map<string, number>();
  behaviour: FakeBehaviour = FakeModelServer.defaults();
  private busyLeft = 0;
  private server!: Server;
  url = "";

  static defaults(): FakeBehaviour {
    return {
      audio: (r) => ({
        sampleRate: 44100,
        channels: [tone(220, r.duration_seconds, 44100), tone(330, r.duration_seconds, 44100)],
      }),
      pollsBeforeDone: 2,
      busySubmissions: 0,
      stuck: false,
    };
  }

  reset(behaviour: Partial<FakeBehaviour> = {}) {
    this.behaviour = { ...FakeModelServer.defaults(), ...behaviour };
    this.busyLeft = this.behaviour.busySubmissions;
    this.submitted.length = 0;
    this.cancelled.length = 0;
    this.polls.clear();
  }

  async start() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server.close();
    this.server.closeAllConnections();
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse) {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return json(401, { error: "bad token" });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? "";
    if (req.method === "POST" && path === "/v1/generations") {
      if (this.busyLeft > 0) {
        this.busyLeft--;
        return json(429, { error: "all GPUs busy" }, { "retry-after": "1" });
      }
      const body = JSON.parse(Buffer.concat(chunks).toString()) as GenerationRequest;
      this.submitted.push({ body, headers: req.headers });
      const id = `gen_${this.submitted.length}`;
      this.polls.set(id, 0);
      return json(202, { id });
    }
    const status = /^\/v1\/generations\/(gen_\d+)$/.exec(path);
    if (status && req.method === "DELETE") {
      this.cancelled.push(status[1]!);
      res.writeHead(204).end();
      return;
    }
    if (status && req.method === "GET") {
      const id = status[1]!;
      const polls = (this.polls.get(id) ?? 0) + 1;
      this.polls.set(id, polls);
      if (this.behaviour.stuck || polls <= this.behaviour.pollsBeforeDone)
        return json(200, { status: polls === 1 ? "queued" : "running" });
      if (this.behaviour.failWith) return json(200, { status: "failed", error: this.behaviour.failWith });
      return json(200, { status: "succeeded", audio_url: `/files/${id}.wav` });
    }
    const file = /^\/files\/gen_(\d+)\.wav$/.exec(path);
    if (file && req.method === "GET") {
      const { sampleRate, channels } = this.behaviour.audio(this.submitted[Number(file[1]) - 1]!.body);
      res.writeHead(200, { "content-type": "audio/wav" });
      res.end(encodeWav(channels, sampleRate));
      return;
    }
    json(404, { error: "not found" });
  }
}

function tone(hz: number, seconds: number, sampleRate: number, amplitude = 0.5): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * sampleRate) },
    (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / sampleRate),
  );
}

const fake = new FakeModelServer();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
afterEach(() => fake.reset());

const generator = (options: Partial<ModelServerOptions> = {}) =>
  new ModelServerGenerator({
    baseUrl: fake.url,
    token: fake.token,
    model: "ace-step",
    pollMs: 20,
    maxPollMs: 50,
    timeoutMs: 10_000,
    ...options,
  });

const chorus: SectionToGenerate = {
  kind: "chorus",
  durationSeconds: 8,
  styleTags: ["pop", "acoustique"],
  mood: "joyeux",
  tempo: 112,
  key: "F#m",
  lyrics: ["Joyeux anniversaire ma belle", "Avec tout notre amour"],
  vocal: "female",
  language: "fr",
  seed: 7,
};

const rms = (x: Float32Array, from: number, to: number) => {
  let sum = 0;
  for (let n = from; n < to; n++) sum += x[n]! ** 2;
  return Math.sqrt(sum / (to - from));
};

describe("ModelServerGenerator", () => {
  it("submits, polls and downloads a section, with the contract's body and headers", async () => {
    const pcm = await generator({ modalKey: "wk-1", modalSecret: "ws-2" }).generate(chorus);
    expect(pcm[0]).toHaveLength(8 * 44100);
    expect(pcm[1]).toHaveLength(8 * 44100);
    // The fake's left and right tones come through, at their level, untouched between the edge fades.
    expect(rms(pcm[0], 1000, 8 * 44100 - 1000)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    expect(pcm[0][44100]).toBeCloseTo(0.5 * Math.sin((2 * Math.PI * 220 * 44100) / 44100), 3);

    expect(fake.submitted).toHaveLength(1);
    const [{ body, headers }] = fake.submitted as [(typeof fake.submitted)[number]];
    expect(headers).toMatchObject({
      authorization: "Bearer model-token",
      "modal-key": "wk-1",
      "modal-secret": "ws-2",
      "content-type": "application/json",
    });
    expect(body).toEqual({
      model: "ace-step",
      prompt: "pop, acoustique, joyeux, chorus, 112 bpm, F# minor, female vocals, french",
      lyrics: "[chorus]\nJoyeux anniversaire ma belle\nAvec tout notre amour",
      duration_seconds: 8,
      seed: 7,
      params: { infer_step: 60, guidance_scale: 15 },
    });
    expect(fake.polls.get("gen_1")).toBe(3);
  });

  it("asks for an instrumental take when the section has no lines, and says so to instrumental models", async () => {
    const intro = { ...chorus, kind: "intro", lyrics: null };
    expect(generator().requestFor(intro, 4, 1)).toMatchObject({
      lyrics: "[instrumental]",
      prompt: expect.stringContaining("female vocals"),
    });
    const band = generator({ model: "stable-audio-open" }).requestFor(chorus, 8, 1);
    expect(band.lyrics).toBeUndefined();
    expect(band.prompt).toContain("instrumental");
    expect(band.params).toMatchObject({ steps: 100, cfg_scale: 7, negative_prompt: expect.stringContaining("vocals") });
    expect(generator({ model: "musicgen" }).requestFor(chorus, 8, 1).params).toEqual({
      top_k: 250,
      temperature: 1,
      classifier_free_guidance: 3,
    });
    expect(generator().singsLyrics).toBe(true);
    expect(generator({ model: "stable-audio-open" }).singsLyrics).toBe(false);
  });

  it("waits out a 429 for its Retry-After, then succeeds", async () => {
    fake.reset({ busySubmissions: 1 });
    const started = Date.now();
    const pcm = await generator().generate({ ...chorus, durationSeconds: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(pcm[0]).toHaveLength(2 * 44100);
    expect(fake.submitted).toHaveLength(1);
  });

  it("reports a pool that stays busy", async () => {
    fake.reset({ busySubmissions: 5 });
    await expect(generator({ maxRetries: 0 }).generate(chorus)).rejects.toMatchObject({
      kind: "busy",
      status: 429,
      message: expect.stringMatching(/busy \(HTTP 429/),
    });
  });

  it("turns a failed generation into an error that says why", async () => {
    fake.reset({ failWith: "CUDA out of memory" });
    const failure = generator().generate(chorus);
    await expect(failure).rejects.toBeInstanceOf(ModelServerError);
    await expect(failure).rejects.toMatchObject({
      kind: "failed",
      message: expect.stringMatching(/ace-step failed generation gen_1: CUDA out of memory/),
    });
  });

  it("gives up after its timeout, says so, and cancels the generation", async () => {
    fake.reset({ stuck: true });
    const failure = generator({ timeoutMs: 300 }).generate(chorus);
    await expect(failure).rejects.toMatchObject({
      kind: "timeout",
      message: expect.stringMatching(/(gen_1 did not finish|answer GET \/v1\/generations\/gen_1) within 0.3 s/),
    });
    await expect.poll(() => fake.cancelled).toEqual(["gen_1"]);
  });

  it("stops with an AbortError when aborted while polling, and cancels the generation", async () => {
    fake.reset({ stuck: true });
    const controller = new AbortController();
    const failure = generator().generate(chorus, controller.signal);
    await expect.poll(() => fake.polls.get("gen_1") ?? 0).toBeGreaterThan(1);
    controller.abort();
    await expect(failure).rejects.toMatchObject({ name: "AbortError" });
    await expect.poll(() => fake.cancelled).toEqual(["gen_1"]);
  });

  it("names configuration problems and unreachable servers", async () => {
    await expect(generator({ token: "wrong" }).generate(chorus)).rejects.toMatchObject({
      kind: "config",
      status: 401,
      message: expect.stringContaining("ENGINE_MODEL_SERVER_TOKEN"),
    });
    await expect(generator({ baseUrl: "http://127.0.0.1:9" }).generate(chorus)).rejects.toMatchObject({
      kind: "unreachable",
      message: expect.stringContaining("POST /v1/generations"),
    });
    const server = createServer((_, res) => res.writeHead(500).end("boom")).listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(generator({ baseUrl: url }).generate(chorus)).rejects.toMatchObject({
        kind: "server",
        status: 500,
        message: "model server failed (HTTP 500 on POST /v1/generations): boom",
      });
    } finally {
      server.close();
    }
  });

  it("resamples 48 kHz mono to 44.1 kHz stereo of the exact duration", async () => {
    // A model that overshoots by a third of a second, at its own rate, in mono.
    fake.reset({ audio: (r) => ({ sampleRate: 48000, channels: [tone(1000, r.duration_seconds + 0.3, 48000)] }) });
    const [left, right] = await generator({ model: "stable-audio-open" }).generate({
      ...chorus,
      durationSeconds: 5.25,
    });
    expect(left).toHaveLength(Math.round(5.25 * 44100));
    expect(right).toEqual(left);
    let crossings = 0;
    for (let n = 44100; n < 2 * 44100; n++) if (left[n - 1]! < 0 && left[n]! >= 0) crossings++;
    expect(Math.abs(crossings - 1000)).toBeLessThanOrEqual(1);
    expect(rms(left, 1000, left.length - 1000)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it("makes a long Stable Audio Open section from crossfaded takes of at most 45 s", async () => {
    const seconds = 100;
    fake.reset({
      audio: (r) => ({ sampleRate: 44100, channels: [tone(200 + 50 * r.seed, r.duration_seconds, 44100)] }),
    });
    const [left] = await generator({ model: "stable-audio-open" }).generate({ ...chorus, durationSeconds: seconds });
    expect(left).toHaveLength(seconds * 44100);
    const takes = fake.submitted.map((s) => s.body);
    expect(takes).toHaveLength(3);
    for (const take of takes) expect(take.duration_seconds).toBeLessThanOrEqual(maxChunkSec);
    expect(takes.reduce((sum, t) => sum + t.duration_seconds, 0) - 2 * chunkOverlapSec).toBeCloseTo(seconds, 2);
    expect(new Set(takes.map((t) => t.seed)).size).toBe(3);
    // No dip or bump through the joins: every 50 ms stays at the tones' level.
    const window = 2205;
    for (let at = window; at + 2 * window <= left.length; at += window)
      expect(Math.abs(20 * Math.log10(rms(left, at, at + window) / (0.5 / Math.SQRT2)))).toBeLessThan(1.5);
  });
});

describe("the pipeline with a model server", () => {
  const lyrics: Lyrics = {
    title: "Sam",
    sections: [
      { kind: "verse", lines: ["Every morning you were singing", "Little songs about the sea"] },
      { kind: "chorus", lines: ["Happy birthday, my dear Sam", "This is your day"] },
    ],
  };
  const request = {
    lyrics,
    styleTags: ["pop"],
    durationSeconds: 30,
    vocal: "female" as const,
    language: "en" as const,
    seed: 3,
  };
  /** A produced-sounding band: a chord and a little noise, at a model's 48 kHz, louder in the chorus. */
  const band = (r: GenerationRequest) => {
    const seconds = r.duration_seconds;
    const level = r.prompt.includes("chorus") ? 0.4 : 0.2;
    let state = r.seed;
    const noise = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.05;
    const chord = [220, 277.2, 329.6].map((hz) => tone(hz, seconds, 48000, level / 3));
    const mix = (x: Float32Array, i: number) =>
      x.map((_, n) => chord[0]![n]! + chord[1]![n]! + chord[2]![n]! * (i ? 0.7 : 1) + noise());
    return { sampleRate: 48000, channels: [mix(chord[0]!, 0), mix(chord[0]!, 1)] };
  };

  it("renders the requested duration from generated sections, sung by the built-in singer, mastered to -14 LUFS", async () => {
    fake.reset({ audio: band, pollsBeforeDone: 0 });
    const render = createRenderSong({ generator: generator({ model: "stable-audio-open" }), sing: toneSinger });
    const stages: string[] = [];
    const result = await render(request, {
      onProgress: (stage) => stages[stages.length - 1] !== stage && stages.push(stage),
    });
    expect(result.durationSeconds).toBe(30);
    const { channels, sampleRate } = readWav(result.wav);
    expect(sampleRate).toBe(44100);
    expect(channels[0]).toHaveLength(30 * 44100);
    expect(Math.abs(integratedLoudness(channels, sampleRate) + 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(result.loudnessLufs + 14)).toBeLessThanOrEqual(0.5);
    expect(result.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(stages).toContain("band");

    // One generation per arranged section, cut where the arrangement put its bars.
    const asked = fake.submitted.map((s) => s.body);
    expect(asked).toHaveLength(result.sectionStarts.length);
    const ends = [...result.sectionStarts.slice(1).map((s) => s.startSec), 30];
    result.sectionStarts.forEach((s, i) =>
      expect(
        asked.find(
          (a) => a.prompt.includes(`, ${s.kind}, `) && Math.abs(a.duration_seconds - (ends[i]! - s.startSec)) < 0.002,
        ),
      ).toBeDefined(),
    );
    expect(asked.every((a) => a.prompt.includes(`${Math.round(result.tempo)} bpm`) && a.lyrics === undefined)).toBe(
      true,
    );
  });

  it("leaves the singing to ACE-Step: its lyrics go to the model and the built-in singer stays silent", async () => {
    fake.reset({ audio: band, pollsBeforeDone: 0 });
    const render = createRenderSong({
      generator: generator({ model: "ace-step" }),
      sing: () => Promise.reject(new Error("the built-in singer must not sing over ACE-Step")),
    });
    const result = await render(request);
    expect(result.durationSeconds).toBe(30);
    expect(Math.abs(result.loudnessLufs + 14)).toBeLessThanOrEqual(0.5);
    const sung = fake.submitted.map((s) => s.body.lyrics).filter((l) => l !== "[instrumental]");
    expect(sung).toEqual(
      expect.arrayContaining([
        "[verse]\nEvery morning you were singing\nLittle songs about the sea",
        "[chorus]\nHappy birthday, my dear Sam\nThis is your day",
      ]),
    );
  });

  it("fails the song with the model server's error", async () => {
    fake.reset({ failWith: "model weights missing" });
    const render = createRenderSong({ generator: generator({ model: "stable-audio-open" }), sing: toneSinger });
    await expect(render(request)).rejects.toMatchObject({
      kind: "failed",
      message: expect.stringContaining("model weights missing"),
    });
  });
});

describe("generatorFromEnv", () => {
  it("keeps the built-in band unless a model server is configured in full", () => {
    expect(generatorFromEnv({})).toBeUndefined();
    expect(generatorFromEnv({ ENGINE_GENERATOR: "builtin" })).toBeUndefined();
    expect(() => generatorFromEnv({ ENGINE_GENERATOR: "gpu" })).toThrow(/ENGINE_GENERATOR/);
    expect(() => generatorFromEnv({ ENGINE_GENERATOR: "model-server", ENGINE_MODEL_SERVER_URL: "http://x" })).toThrow(
      /ENGINE_MODEL_SERVER_TOKEN/,
    );
    const env = {
      ENGINE_GENERATOR: "model-server",
      ENGINE_MODEL_SERVER_URL: "http://x",
      ENGINE_MODEL_SERVER_TOKEN: "t",
    };
    expect(generatorFromEnv(env)?.name).toBe("model-server:ace-step");
    expect(generatorFromEnv({ ...env, ENGINE_MODEL_SERVER_MODEL: "musicgen" })?.name).toBe("model-server:musicgen");
    expect(() => generatorFromEnv({ ...env, ENGINE_MODEL_SERVER_MODEL: "suno" })).toThrow(/ENGINE_MODEL_SERVER_MODEL/);
  });
});
