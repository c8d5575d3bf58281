import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { expectKind, simulatorControl } from "../../test/provider-tests";
import type { Lyrics, SongContext, TrackRequest } from "../contract";
import { SunoHostedLyricsWriter, SunoHostedProvider } from "./hosted";

const sim = env.SUNO_API_BASE_URL;

const { behave, tasks: simTasks } = simulatorControl(sim);

async function callbacks(
  taskId: string,
  order: "normal" | "duplicate" | "out_of_order",
): Promise<{ url: string; body: unknown }[]> {
  return (await (await fetch(`${sim}/__sim/tasks/${taskId}/callbacks?order=${order}`)).json()) as {
    url: string;
    body: unknown;
  }[];
}

const lyrics: Lyrics = {
  title: "Camille, 30 ans",
  sections: [
    { kind: "verse", lines: ["Thirty candles on the table", "Camille laughing like she's able"] },
    { kind: "chorus", lines: ["Happy birthday, Camille", "Dance until the morning's still"] },
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
    callbackUrl: "http://refrain.test/webhooks/suno/job-1?token=t0k3n",
    ...overrides,
  };
}

function provider(overrides: Partial<ConstructorParameters<typeof SunoHostedProvider>[0]> = {}) {
  return new SunoHostedProvider({ baseUrl: sim, apiKey: env.SUNO_API_KEY, model: "V4_5", ...overrides });
}

function callbackRequest(callback: { url: string; body: unknown }): Request {
  return new Request(callback.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(callback.body),
  });
}

beforeEach(async () => {
  const res = await fetch(`${sim}/__sim/reset`, { method: "POST" });
  await res.arrayBuffer();
});

describe("SunoHostedProvider", () => {
  it("turns an order into two downloadable mp3 takes", async () => {
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    expect(await suno.getStatus(taskId)).toEqual({ state: "succeeded" });

    const result = await suno.fetchResult(taskId);
    expect(result.takes).toHaveLength(2);
    expect(new Set(result.takes.map((t) => t.providerTakeId)).size).toBe(2);
    for (const take of result.takes) {
      expect(take.format).toBe("mp3");
      expect(take.lyricsText).toContain("Happy birthday, Camille");
      expect(take.durationSeconds).toBeGreaterThan(2);
    }

    const audio = await fetch(result.takes[0]!.audioUrl);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    const bytes = new Uint8Array(await audio.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfb]);
  });

  it("speaks the API's own field names", async () => {
    await provider().createTrack(order());
    const [task] = await simTasks();
    expect(task?.headers.authorization).toBe(`Bearer ${env.SUNO_API_KEY}`);
    expect(task?.request).toMatchObject({
      customMode: true,
      instrumental: false,
      model: "V4_5",
      callBackUrl: "http://refrain.test/webhooks/suno/job-1?token=t0k3n",
      style: "pop, acoustic guitar, joyful",
      title: "Camille, 30 ans",
      negativeTags: "",
      vocalGender: "f",
    });
    expect(task?.request.prompt).toBe(
      "[Verse]\nThirty candles on the table\nCamille laughing like she's able\n\n[Chorus]\nHappy birthday, Camille\nDance until the morning's still",
    );
  });

  it("sends no lyrics and no singer for an instrumental", async () => {
    await provider().createTrack(order({ vocal: "instrumental", lyrics: null }));
    const [task] = await simTasks();
    expect(task?.request.instrumental).toBe(true);
    expect(task?.request).not.toHaveProperty("prompt");
    expect(task?.request).not.toHaveProperty("vocalGender");
  });

  it("asks for a male singer with vocalGender m", async () => {
    await provider().createTrack(order({ vocal: "male" }));
    expect((await simTasks())[0]?.request.vocalGender).toBe("m");
  });

  it("keeps style and title within the V4 limits, on whole tags", async () => {
    const styleTags = Array.from({ length: 40 }, (_, i) => `tag number ${i}`);
    await provider({ model: "V4" }).createTrack(order({ styleTags, title: "A very long title ".repeat(10) }));
    const [task] = await simTasks();
    const style = String(task?.request.style);
    expect(style.length).toBeLessThanOrEqual(200);
    expect(style.split(", ").every((tag) => /^tag number \d+$/.test(tag))).toBe(true);
    expect(String(task?.request.title).length).toBeLessThanOrEqual(80);
  });

  it("refuses an order without a callback URL before calling the API", async () => {
    await expectKind(provider().createTrack(order({ callbackUrl: undefined })), "rejected");
    expect(await simTasks()).toHaveLength(0);
  });

  it("reports progress until both takes are done", async () => {
    await behave({ pollsToComplete: 3 });
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    expect(await suno.getStatus(taskId)).toMatchObject({ state: "running", stage: "text_ready" });
    expect(await suno.getStatus(taskId)).toMatchObject({ state: "running", progress: 0.7 });
    expect(await suno.getStatus(taskId)).toEqual({ state: "succeeded" });
  });

  it("will not hand out a result before the task succeeded", async () => {
    await behave({ pollsToComplete: 5 });
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
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
    const err = await expectKind(provider().createTrack(order()), kind);
    if (kind === "rate_limited") expect(err.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("gives up on a hung API after its timeout", async () => {
    await behave({ create: "hang" });
    const started = Date.now();
    const err = await expectKind(provider({ timeoutMs: 300 }).createTrack(order()), "unavailable");
    expect(err.message).toMatch(/300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("counts a refused API key as unavailable, not as the order's fault", async () => {
    await expectKind(provider({ apiKey: "" }).createTrack(order()), "unavailable");
  });

  it("fails a task flagged for sensitive words as rejected", async () => {
    await behave({ outcome: "sensitive" });
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    expect(await suno.getStatus(taskId)).toMatchObject({ state: "failed", error: { kind: "rejected" } });
    await expectKind(suno.fetchResult(taskId), "rejected");
  });

  it("fails a task whose audio generation failed as unavailable", async () => {
    await behave({ outcome: "fail" });
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    expect(await suno.getStatus(taskId)).toMatchObject({
      state: "failed",
      error: { kind: "unavailable", providerCode: 501 },
    });
  });

  it("keeps waiting on a status it does not know", async () => {
    // A status value added by the API later must not end the job.
    const renaming: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const text = (await res.text()).replace('"status":"SUCCESS"', '"status":"QUANTUM_SUCCESS"');
      return new Response(text, { status: res.status, headers: { "content-type": "application/json" } });
    };
    const suno = provider({ fetch: renaming });
    const { taskId } = await suno.createTrack(order());
    expect(await suno.getStatus(taskId)).toMatchObject({ state: "running", stage: "quantum_success" });
  });

  it("refuses a success without any audio URL", async () => {
    await behave({ audio: "forbidden" });
    const suno = provider();
    const { taskId } = await suno.createTrack(order());
    await expectKind(suno.fetchResult(taskId), "unavailable");
  });

  it("cancels locally, without calling the API", async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls += 1;
      return fetch(input, init);
    };
    const suno = provider({ fetch: counting });
    const { taskId } = await suno.createTrack(order());
    await suno.cancel(taskId);
    expect(calls).toBe(1);
  });

  describe("callbacks", () => {
    it("turns each callback into a hint naming the task", async () => {
      const suno = provider();
      const { taskId } = await suno.createTrack(order());
      const sent = await callbacks(taskId, "normal");
      expect(sent.map((c) => c.url)).toEqual(Array(3).fill(order().callbackUrl));
      const outcomes = await Promise.all(sent.map((c) => suno.handleWebhook(callbackRequest(c))));
      expect(outcomes).toEqual([
        { kind: "hint", taskId, dedupeKey: `${taskId}:text` },
        { kind: "hint", taskId, dedupeKey: `${taskId}:first` },
        { kind: "hint", taskId, dedupeKey: `${taskId}:complete` },
      ]);
    });

    it("gives a repeated callback the same dedupe key", async () => {
      const suno = provider();
      const { taskId } = await suno.createTrack(order());
      const outcomes = await Promise.all(
        (await callbacks(taskId, "duplicate")).map((c) => suno.handleWebhook(callbackRequest(c))),
      );
      expect(outcomes).toHaveLength(6);
      for (let i = 0; i < outcomes.length; i += 2) {
        expect(outcomes[i]).toMatchObject({ kind: "hint", taskId });
        expect(outcomes[i + 1]).toEqual(outcomes[i]);
      }
      expect(new Set(outcomes.map((o) => (o.kind === "hint" ? o.dedupeKey : ""))).size).toBe(3);
    });

    it("handles callbacks arriving out of order, each only as a hint", async () => {
      const suno = provider();
      const { taskId } = await suno.createTrack(order());
      const outcomes = await Promise.all(
        (await callbacks(taskId, "out_of_order")).map((c) => suno.handleWebhook(callbackRequest(c))),
      );
      expect(outcomes[0]).toEqual({ kind: "hint", taskId, dedupeKey: `${taskId}:complete` });
      expect(outcomes.every((o) => o.kind === "hint" && o.taskId === taskId)).toBe(true);
    });

    it("turns an error callback into a hint too: record-info decides", async () => {
      await behave({ outcome: "fail" });
      const suno = provider();
      const { taskId } = await suno.createTrack(order());
      const sent = await callbacks(taskId, "normal");
      expect(await suno.handleWebhook(callbackRequest(sent[sent.length - 1]!))).toEqual({
        kind: "hint",
        taskId,
        dedupeKey: `${taskId}:error`,
      });
    });

    it("ignores what is not a Suno callback", async () => {
      const suno = provider();
      const garbage = new Request("http://refrain.test/webhooks/suno", { method: "POST", body: "<html>" });
      expect(await suno.handleWebhook(garbage)).toMatchObject({ kind: "ignored" });
      const stranger = new Request("http://refrain.test/webhooks/suno", {
        method: "POST",
        body: JSON.stringify({ hello: "world" }),
      });
      expect(await suno.handleWebhook(stranger)).toMatchObject({ kind: "ignored" });
    });
  });
});

describe("SunoHostedLyricsWriter", () => {
  const context: SongContext = {
    occasion: "anniversaire de ses 30 ans",
    recipientName: "Camille",
    relationship: "ma sœur",
    details: ["adore les chats", "a vécu à Lyon", "rit tout le temps"],
    language: "fr",
    styleTags: ["pop", "acoustique"],
    mood: "joyeux",
    vocal: "female",
    durationSeconds: 120,
  };

  function writer(overrides: Partial<ConstructorParameters<typeof SunoHostedLyricsWriter>[0]> = {}) {
    return new SunoHostedLyricsWriter({
      baseUrl: sim,
      apiKey: env.SUNO_API_KEY,
      callbackUrl: "http://refrain.test/webhooks/suno-lyrics",
      pollIntervalMs: 5,
      ...overrides,
    });
  }

  it("writes lyrics with a chorus naming the recipient, in French when asked", async () => {
    await behave({ pollsToComplete: 3 });
    const lyrics = await writer().writeLyrics(context);
    expect(lyrics.sections.map((s) => s.kind)).toContain("chorus");
    expect(lyrics.sections.flatMap((s) => s.lines).join("\n")).toContain("Camille");
    expect(lyrics.title).toBe("Song for Camille");

    const [task] = await simTasks();
    expect(task?.kind).toBe("lyrics");
    expect(task?.polls).toBe(3);
    const prompt = String(task?.request.prompt);
    expect(prompt).toMatch(/français/);
    expect(prompt).toContain("pour Camille");
    expect(task?.request.callBackUrl).toBe("http://refrain.test/webhooks/suno-lyrics");
  });

  it("keeps the prompt within 200 characters and the name in it", async () => {
    const chatty = {
      ...context,
      language: "en" as const,
      details: Array.from({ length: 30 }, (_, i) => `memory number ${i} of a long life`),
    };
    await writer().writeLyrics(chatty);
    const prompt = String((await simTasks())[0]?.request.prompt);
    expect(prompt.length).toBeLessThanOrEqual(200);
    expect(prompt).toContain("for Camille");
    expect(prompt).toContain("memory number 0");
  });

  it("uses the title the engine gives", async () => {
    await behave({ lyricsTitle: "Trente bougies" });
    expect((await writer().writeLyrics(context)).title).toBe("Trente bougies");
  });

  it("reports sensitive words as rejected", async () => {
    await behave({ lyricsOutcome: "sensitive" });
    await expectKind(writer().writeLyrics(context), "rejected");
  });

  it("stops waiting after its bound", async () => {
    await behave({ lyricsOutcome: "never" });
    const started = Date.now();
    await expectKind(writer({ maxWaitMs: 200 }).writeLyrics(context), "unavailable");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("maps the lyrics endpoint's out-of-credits code to exhausted", async () => {
    await behave({ create: "code429" });
    await expectKind(writer().writeLyrics(context), "exhausted");
  });
});
