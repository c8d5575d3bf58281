import { describe, expect, it } from "vitest";
import { ProviderError, type SongContext } from "../contract";
import { defaultWorkersAiModel, type WorkersAiBinding, WorkersAiLyricsWriter } from "./workers-ai";

const ctx: SongContext = {
  occasion: "birthday",
  recipientName: "Zoé",
  details: ["she surfs every morning"],
  language: "en",
  styleTags: [],
  vocal: "male",
  durationSeconds: 90,
};

const lyricsJson = JSON.stringify({
  title: "Zoé",
  lyrics: "[Verse]\nZoé rides the waves\n[Chorus]\nHappy birthday, Zoé\nWe sing for you, Zoé",
});

function fake(
  answer: () => Promise<unknown>,
): WorkersAiBinding & { calls: { model: string; input: Parameters<WorkersAiBinding["run"]>[1] }[] } {
  const calls: { model: string; input: Parameters<WorkersAiBinding["run"]>[1] }[] = [];
  return {
    calls,
    run(model, input) {
      calls.push({ model, input });
      return answer();
    },
  };
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return (err as ProviderError).kind;
}

describe("WorkersAiLyricsWriter", () => {
  it("runs the default model with the brief and reads the response", async () => {
    const ai = fake(async () => ({ response: lyricsJson }));
    const w = new WorkersAiLyricsWriter(ai);
    expect(w.id).toBe("workers-ai");
    const lyrics = await w.writeLyrics(ctx);
    expect(lyrics.title).toBe("Zoé");
    expect(lyrics.sections.map((s) => s.kind)).toEqual(["verse", "chorus"]);
    expect(ai.calls[0]!.model).toBe(defaultWorkersAiModel);
    expect(ai.calls[0]!.input.max_tokens).toBeGreaterThan(256);
    expect(ai.calls[0]!.input.messages[1]!.content).toContain("Zoé");
    expect(ai.calls[0]!.input.messages[1]!.content).toContain("English");
  });

  it("uses the configured model", async () => {
    const ai = fake(async () => ({ response: lyricsJson }));
    await new WorkersAiLyricsWriter(ai, { model: "@cf/mistral/mistral-7b-instruct-v0.1" }).writeLyrics(ctx);
    expect(ai.calls[0]!.model).toBe("@cf/mistral/mistral-7b-instruct-v0.1");
  });

  it("maps failures", async () => {
    expect(await kindOf(new WorkersAiLyricsWriter(fake(async () => ({ nothing: true }))).writeLyrics(ctx))).toBe(
      "unavailable",
    );
    expect(
      await kindOf(new WorkersAiLyricsWriter(fake(async () => ({ response: "[Chorus]\nLa la la" }))).writeLyrics(ctx)),
    ).toBe("unavailable");
    expect(
      await kindOf(
        new WorkersAiLyricsWriter(
          fake(() => Promise.reject(new Error("3040: Capacity temporarily exceeded"))),
        ).writeLyrics(ctx),
      ),
    ).toBe("rate_limited");
    expect(
      await kindOf(
        new WorkersAiLyricsWriter(fake(() => Promise.reject(new Error("InferenceUpstreamError")))).writeLyrics(ctx),
      ),
    ).toBe("unavailable");
    const never = new WorkersAiLyricsWriter(
      fake(() => new Promise(() => {})),
      { timeoutMs: 30 },
    );
    expect(await kindOf(never.writeLyrics(ctx))).toBe("unavailable");
  });
});
