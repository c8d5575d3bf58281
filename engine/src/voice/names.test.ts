import { afterAll, describe, expect, it, vi } from "vitest";
import type { SynthesisParams } from "./protocol";

// What the singer asks espeak, and what espeak answers, recorded around the real espeak process.
const said: { params: SynthesisParams; switches: string[] }[] = [];
vi.mock("./espeak-client", async (original) => {
  const real = await original<typeof import("./espeak-client")>();
  return {
    ...real,
    synthesize: async (params: SynthesisParams, signal?: AbortSignal) => {
      const result = await real.synthesize(params, signal);
      said.push({ params, switches: result.phonemes.map((p) => p.ipa).filter((ipa) => /^\(\w+\)$/u.test(ipa)) });
      return result;
    },
  };
});
// The singer's work on this thread (the singer thread runs the same), so that the recording sees it.
const { singLines: sing } = await import("./sing-lines");
const { closeSinger } = await import("./espeak-client");

const line = (language: "fr" | "en", syllables: string[]) => ({
  language,
  voice: "female" as const,
  sampleRate: 22050,
  durationSec: syllables.length * 0.4 + 1,
  notes: syllables.map((syllable, i) => ({ syllable, line: 0, midi: 64, startSec: 0.5 + i * 0.4, durationSec: 0.38 })),
});

afterAll(() => closeSinger());

describe("a name in the song's language", () => {
  it.each([
    [["Joy-", "eux", "an-", "ni-", "ver-", "saire", "Ma-", "ë-", "lys"]],
    [["Bonne", "fête", "Na-", "than"]],
    [["Je", "chante", "pour", "Wen-", "dy"]],
  ])("is read by the French voice in a French song: %j", async (syllables) => {
    said.length = 0;
    await sing(line("fr", syllables));
    // espeak first reads the name as English, then the singer has it said again, in French.
    expect(said[0]!.switches).toContain("(en)");
    expect(said[said.length - 1]!.switches).toEqual([]);
    expect(said[said.length - 1]!.params.voice).toMatch(/^fr/);
  });

  it("is left as the English voice reads it in an English song", async () => {
    said.length = 0;
    await sing(line("en", ["Hap-", "py", "birth-", "day", "Ma-", "ë-", "lys"]));
    expect(said).toHaveLength(1);
  });
});
