import { afterAll, describe, expect, it } from "vitest";
import type { Language } from "../../../domain/values";
import { formLyrics } from "../../test-helpers/song-lyrics";
import { type EngineUnderTest, measureSong } from "../../test-helpers/song-metrics";
import { arrange } from "../arranger/arrange";
import { synthesize } from "../voice/espeak-client";
import { closeSinger, sing } from "../voice/sing";
import type { RenderRequest } from "./contract";
import { createRenderSong } from "./render";

// A real render, measured as a listener would notice it, by ffmpeg's meter and the tests' own YIN.
let vocal = new Float32Array(0);
const render = createRenderSong({
  sing: async (request, signal) => {
    const out = await sing(request, signal);
    vocal = out.slice();
    return out;
  },
});
const engine: EngineUnderTest = {
  async render(request) {
    const result = await render(request as unknown as RenderRequest);
    return { ...result, vocal };
  },
  notes: (request) => arrange(request as unknown as RenderRequest, (request as unknown as RenderRequest).lyrics).sung,
  async speak(text, language: Language) {
    const s = await synthesize({ text, voice: language === "fr" ? "fr+f3" : "en-us+f3", pitch: 50, rate: 175 });
    return { pcm: Float32Array.from(s.pcm, (x) => x / 32768), sampleRate: s.sampleRate };
  },
};

afterAll(() => closeSinger());

describe("a sung song, as heard", () => {
  it("a 60 s French chanson sings every line, no faster than spoken, the name held, the voice most of the time, verses under choruses", async () => {
    const lyrics = formLyrics("fr", 60, "Maëlys");
    const m = await measureSong(
      engine,
      { lyrics, styleTags: ["chanson"], durationSeconds: 60, vocal: "female", language: "fr", seed: 7 },
      "Maëlys",
    );
    expect(m.linesTimed).toBe(m.linesGiven);
    expect(m.badTimings).toBe(0);
    expect(Math.min(...m.paceRatios)).toBeGreaterThanOrEqual(1);
    expect(m.nameNotesSec.length).toBeGreaterThanOrEqual(3 * m.choruses);
    expect(Math.min(...m.nameNotesSec)).toBeGreaterThanOrEqual(0.3);
    expect(m.voiceShare).toBeGreaterThanOrEqual(0.7);
    expect(m.longSilences).toEqual([]);
    expect(m.lraLu).toBeGreaterThanOrEqual(4);
  }, 240_000);
});
