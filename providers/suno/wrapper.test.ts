import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { expectKind, simulatorControl } from "../../test/provider-tests";
import type { Lyrics, SongContext, TrackRequest } from "../contract";
import { SunoWrapperLyricsWriter, SunoWrapperProvider } from "./wrapper";

const sim = env.SUNO_WRAPPER_BASE_URL;

const { behave, tasks: simTasks } = simulatorControl(sim);

const lyrics: Lyrics = {
  title: "Camille, 30 ans",
  sections: [
    { kind: "verse", lines: ["Thirty candles on the table"] },
    { kind: "chorus", lines: ["Happy birthday, Camille"] },
  ],
};

function order(overrides: Partial<TrackRequest> = {}): TrackRequest {
  return {
    jobId: "job-1",
    title: "Camille, 30 ans",
    lyrics,
    styleTags: ["pop", "acoustic guitar"],
    mood: "joyful",
    vocal: "female",
    language: "en",
    durationSeconds: 120,
    seed: 7,
    ...overrides,
  };
}

function provider(overrides: Partial<ConstructorParameters<typeof SunoWrapperProvider>[0]> = {}) {
  return new SunoWrapperProvider({ baseUrl: sim, model: "chirp-v4", ...overrides });
}

/** Rewrites every clip's audio_url the way a broken wrapper does. */
function audioUrlsBecome(replace: (url: string) => string): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const text = await res.text();
    const rewritten = text.replace(/"audio_url":"([^"]+\.mp3)"/g, (_, url: string) => `"audio_url":"${replace(url)}"`);
    return new Response(rewritten, { status: res.status, headers: { "content-type": "application/json" } });
  };
}

beforeEach(async () => {
  const res = await fetch(`${sim}/__sim/reset`, { method: "POST" });
  await res.arrayBuffer();
});

describe("SunoWrapperProvider", () => {
  it("turns an order into two downloadable mp3 takes", async () => {
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    expect(taskId.split(",")).toHaveLength(2);
    expect(await suno.getStatus(taskId)).toEqual({ state: "succeeded" });

    const result = await suno.fetchResult(taskId);
    expect(result.takes.map((t) => t.providerTakeId).join(",")).toBe(taskId);
    expect(result.model).toBe("chirp-v4");
    for (const take of result.takes) {
      expect(take.format).toBe("mp3");
      expect(take.lyricsText).toContain("Happy birthday, Camille");
    }
    const audio = await fetch(result.takes[1]!.audioUrl);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    const bytes = new Uint8Array(await audio.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfb]);
  });

  it("speaks the wrapper's own field names and never waits for audio", async () => {
    await provider().createTrack(order());
    const [task] = await simTasks();
    expect(task?.family).toBe("wrapper");
    expect(task?.request).toEqual({
      prompt: "[Verse]\nThirty candles on the table\n\n[Chorus]\nHappy birthday, Camille",
      tags: "female vocals, pop, acoustic guitar, joyful",
      title: "Camille, 30 ans",
      make_instrumental: false,
      model: "chirp-v4",
      wait_audio: false,
      negative_tags: "",
    });
    expect(task?.headers.cookie).toBeNull();
  });

  it("asks for an instrumental without lyrics or singer", async () => {
    await provider().createTrack(order({ vocal: "instrumental", lyrics: null }));
    const [task] = await simTasks();
    expect(task?.request).toMatchObject({ make_instrumental: true, prompt: "", tags: "pop, acoustic guitar, joyful" });
  });

  it("passes its Suno cookie when configured", async () => {
    await provider({ cookie: "__client=abc; __session=xyz" }).createTrack(order());
    expect((await simTasks())[0]?.headers.cookie).toBe("__client=abc; __session=xyz");
  });

  it("goes from submitted and queued to streaming to done", async () => {
    await behave({ pollsToComplete: 4 });
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await suno.getStatus(taskId)).state);
    expect(seen).toEqual(["pending", "pending", "running", "succeeded"]);
  });

  it("fails when Suno marks a clip as error", async () => {
    await behave({ outcome: "fail" });
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    expect(await suno.getStatus(taskId)).toMatchObject({
      state: "failed",
      error: { kind: "unavailable", message: "Audio generation failed." },
    });
    await expectKind(suno.fetchResult(taskId), "unavailable");
  });

  it.each([
    ["code429", "exhausted"],
    ["code430", "rate_limited"],
    ["code455", "unavailable"],
    ["http500", "unavailable"],
    ["garbage", "unavailable"],
  ] as const)("maps a %s answer to %s", async (create, kind) => {
    await behave({ create });
    await expectKind(provider().createTrack(order()), kind);
  });

  it("gives up on a hung wrapper after its timeout", async () => {
    await behave({ create: "hang" });
    const started = Date.now();
    await expectKind(provider({ timeoutMs: 300 }).createTrack(order()), "unavailable");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuses audio links that point at /api/forbidden", async () => {
    await behave({ audio: "forbidden" });
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    expect(await suno.getStatus(taskId)).toEqual({ state: "succeeded" });
    await expectKind(suno.fetchResult(taskId), "unavailable");
  });

  it("refuses None.mp3 audio links", async () => {
    const suno = provider({ fetch: audioUrlsBecome((url) => url.replace(/[^/]+\.mp3$/, "None.mp3")) });
    const { taskId } = await suno.createTrack(order());
    await expectKind(suno.fetchResult(taskId), "unavailable");
  });

  it("keeps the good take when only one link is broken", async () => {
    let first = true;
    const suno = provider({
      fetch: audioUrlsBecome((url) => {
        const broken = first;
        first = !first;
        return broken ? "https://cdn1.suno.ai/None.mp3" : url;
      }),
    });
    const { taskId } = await suno.createTrack(order());
    expect((await suno.fetchResult(taskId)).takes).toHaveLength(1);
  });

  it("cancels locally and ignores webhooks", async () => {
    let calls = 0;
    const suno = provider({
      fetch: (input, init) => {
        calls += 1;
        return fetch(input, init);
      },
    });
    await suno.cancel("a,b");
    expect(calls).toBe(0);
    const outcome = await suno.handleWebhook(
      new Request("http://refrain.test/webhooks/suno-wrapper", { method: "POST", body: "{}" }),
    );
    expect(outcome).toMatchObject({ kind: "ignored" });
  });
});

describe("SunoWrapperLyricsWriter", () => {
  const context: SongContext = {
    occasion: "30th birthday",
    recipientName: "Camille",
    relationship: "sister",
    details: ["loves cats", "lived in Lyon"],
    language: "en",
    styleTags: ["pop"],
    mood: "joyful",
    vocal: "female",
    durationSeconds: 120,
  };

  it("writes lyrics with a chorus naming the recipient", async () => {
    const lyrics = await new SunoWrapperLyricsWriter({ baseUrl: sim }).writeLyrics(context);
    expect(lyrics.sections.map((s) => s.kind)).toContain("chorus");
    expect(lyrics.sections.flatMap((s) => s.lines).join("\n")).toContain("Camille");
    expect(lyrics.title).toBe("Song for Camille");
    const [task] = await simTasks();
    expect(task?.request.prompt).toBe(
      "Song for Camille (sister), occasion: 30th birthday. Style: joyful, pop. About: loves cats; lived in Lyon",
    );
  });

  it("reports a failed generation as unavailable and no credits as exhausted", async () => {
    const writer = new SunoWrapperLyricsWriter({ baseUrl: sim });
    await behave({ lyricsOutcome: "fail" });
    await expectKind(writer.writeLyrics(context), "unavailable");
    await behave({ lyricsOutcome: "success", create: "code429" });
    await expectKind(writer.writeLyrics(context), "exhausted");
  });
});
