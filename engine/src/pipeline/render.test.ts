import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lyrics } from "../../../domain/lyrics";
import { buildRenderCli, runRenderCli } from "../../test-helpers/cli";
import { decode, ebur128 } from "../../test-helpers/ffmpeg";
import { toneSinger } from "../../test-helpers/tone-singer";
import { readWav } from "../../test-helpers/wav";
import { integratedLoudness } from "../audio/loudness";
import { findGaps } from "../audio/silence";
import { closeSinger } from "../voice/sing";
import { type RenderRequest, type RenderResult, renderStages } from "./contract";
import { createRenderSong, renderSong } from "./render";

const french: Lyrics = {
  title: "Maëlys",
  sections: [
    { kind: "verse", lines: ["Aujourd'hui c'est ton anniversaire", "Maëlys on chante pour toi"] },
    { kind: "chorus", lines: ["Joyeux anniversaire ma belle", "Avec tout notre amour"] },
  ],
};
const english: Lyrics = {
  title: "Sam",
  sections: [
    { kind: "verse", lines: ["Every morning you were singing", "Little songs about the sea"] },
    { kind: "chorus", lines: ["Happy birthday, my dear Sam", "This is your day"] },
  ],
};

const base = (overrides: Partial<RenderRequest>): RenderRequest => ({
  lyrics: null,
  styleTags: ["pop"],
  durationSeconds: 30,
  vocal: "instrumental",
  language: "fr",
  seed: 21,
  ...overrides,
});

const withToneSinger = createRenderSong({ sing: toneSinger });
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "refrain-render-"));
});
afterAll(async () => {
  await closeSinger();
  await rm(dir, { recursive: true, force: true });
});

/** Every check a delivered song must pass, with ffmpeg as the referee for loudness and files. */
async function checkSong(name: string, request: RenderRequest, result: RenderResult) {
  expect(Math.abs(result.durationSeconds - request.durationSeconds)).toBeLessThanOrEqual(2);
  expect(result.sampleRate).toBe(44100);
  expect(Math.abs(result.loudnessLufs + 14)).toBeLessThanOrEqual(0.1);
  expect(result.truePeakDbtp).toBeLessThanOrEqual(-1);

  const wavFile = join(dir, `${name}.wav`);
  const mp3File = join(dir, `${name}.mp3`);
  await writeFile(wavFile, result.wav);
  await writeFile(mp3File, result.mp3);
  const measured = await ebur128(wavFile);
  expect(Math.abs(measured.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
  expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);

  const { channels, sampleRate } = readWav(result.wav);
  expect(channels).toHaveLength(2);
  expect(Math.abs(channels[0]!.length / sampleRate - request.durationSeconds)).toBeLessThanOrEqual(2);
  expect(Math.abs(integratedLoudness(channels, sampleRate) - measured.integratedLufs)).toBeLessThanOrEqual(0.2);

  // No hole anywhere before the final ring-out, and sound on both sides of every join.
  expect(findGaps(channels, { sampleRate, untilSec: result.durationSeconds - 1.5 })).toEqual([]);
  const window = Math.round(0.05 * sampleRate);
  for (const { startSec } of result.sectionStarts.slice(1)) {
    for (let at = Math.round((startSec - 0.5) * sampleRate); at < (startSec + 0.5) * sampleRate; at += window) {
      let sum = 0;
      for (const x of channels) for (let n = at; n < at + window; n++) sum += x[n]! ** 2;
      expect(10 * Math.log10(sum / (2 * window))).toBeGreaterThan(-60);
    }
  }
  expect(result.sectionStarts[0]).toEqual({ kind: "intro", startSec: 0 });
  expect(result.sectionStarts.map((s) => s.startSec)).toEqual(
    [...result.sectionStarts.map((s) => s.startSec)].sort((a, b) => a - b),
  );

  const mp3 = await decode(mp3File);
  expect(mp3).toMatchObject({ codec: "mp3", channels: 2, sampleRate: 44100, errors: "" });
  expect(Math.abs(mp3.durationSec - request.durationSeconds)).toBeLessThan(0.2);
  // Kept on a phone, the file says what it is, and carries the lines it sings in the order it sings them.
  expect(mp3.tags.artist).toBe("Refrain");
  const sung = [...result.timings]
    .sort((a, b) => a.startSec - b.startSec)
    .map((t) => result.lyrics!.sections[t.section]!.lines[t.line]);
  if (sung.length > 0) {
    expect(mp3.tags.title).toBe(result.lyrics!.title);
    expect(mp3.tags[`lyrics-${request.language === "fr" ? "fra" : "eng"}`]?.split("\n")).toEqual(sung);
  }
}

describe("renderSong", () => {
  it.each([
    ["rock", 30],
    ["acoustique", 30],
    ["électro", 35],
    ["ballade", 40],
    ["jazz lounge", 30],
    ["comptine", 30],
  ])("renders a %s instrumental of %i s that meets the delivery checks", async (tag, durationSeconds) => {
    const request = base({ styleTags: [tag], durationSeconds });
    const result = await renderSong(request);
    expect(result.lyrics).toBeNull();
    expect(result.timings).toEqual([]);
    await checkSong(tag.replace(/\W+/g, "-"), request, result);
  });

  it("renders a sung pop song with its lyric timings", async () => {
    const request = base({
      lyrics: french,
      vocal: "female",
      durationSeconds: 35,
      pronunciations: { Maëlys: "ma-é-liss" },
    });
    const result = await withToneSinger(request);
    await checkSong("pop-sung", request, result);
    expect(result.style).toBe("pop");
    expect(result.lyrics).toEqual(french);
    expect(result.timings).toHaveLength(4);
    expect(result.timings.map((t) => [t.section, t.line])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const chorus = result.sectionStarts.find((s) => s.kind === "chorus")!;
    expect(result.timings[2]!.startSec).toBeGreaterThanOrEqual(chorus.startSec);
  });

  it("renders rap over a hip-hop beat", async () => {
    const request = base({ styleTags: ["rap"], lyrics: english, language: "en", vocal: "male", durationSeconds: 30 });
    const result = await withToneSinger(request);
    await checkSong("hiphop-sung", request, result);
    expect(result.style).toBe("hiphop");
  });

  it("sings a French chanson with the built-in singer", async () => {
    const request = base({
      styleTags: ["chanson française"],
      lyrics: french,
      vocal: "male",
      mood: "nostalgique",
      durationSeconds: 40,
      pronunciations: { Maëlys: "ma-é-liss" },
    });
    const result = await renderSong(request);
    await checkSong("chanson-sung", request, result);
    expect(result.style).toBe("chanson");
    expect(result.key).toMatch(/m$/);
  });

  it("gives the same bytes for the same seed, in another process too (its MP3 halves encoded on one thread), and other bytes for another seed", async () => {
    const cliDir = await mkdtemp(join(tmpdir(), "refrain-cli-"));
    try {
      const cli = await buildRenderCli(cliDir);
      const args = ["--style", "folk", "--vocal", "instrumental", "--duration", "20", "--seed", "5", "--lang", "en"];
      await runRenderCli(cli, [...args, "--out", join(cliDir, "a.wav")]);
      const { stdout } = await runRenderCli(cli, [...args, "--out", join(cliDir, "b.wav")]);
      expect(stdout).toMatch(/loudness -14\.\d LUFS/);
      const [a, b] = await Promise.all([readFile(join(cliDir, "a.wav")), readFile(join(cliDir, "b.wav"))]);
      expect(Buffer.compare(a, b)).toBe(0);
      const here = await renderSong(base({ styleTags: ["folk"], durationSeconds: 20, seed: 5, language: "en" }));
      expect(Buffer.compare(Buffer.from(here.wav), a)).toBe(0);
      // The CLI bundled away from the engine's folder has no MP3 thread; here the second half is encoded on it.
      await runRenderCli(cli, [...args, "--out", join(cliDir, "c.mp3")]);
      expect(Buffer.compare(Buffer.from(here.mp3), await readFile(join(cliDir, "c.mp3")))).toBe(0);
      const other = await renderSong(base({ styleTags: ["folk"], durationSeconds: 20, seed: 6, language: "en" }));
      expect(Buffer.compare(Buffer.from(other.wav), a)).not.toBe(0);
    } finally {
      await rm(cliDir, { recursive: true, force: true });
    }
  });

  it("reports every stage in order and writes lyrics from a context when none are given", async () => {
    const stages: string[] = [];
    const writeLyrics = async () => english;
    const render = createRenderSong({ sing: toneSinger, writeLyrics });
    const context = {
      occasion: "birthday",
      recipientName: "Sam",
      details: [],
      language: "en" as const,
      styleTags: ["folk"],
      vocal: "female" as const,
      durationSeconds: 25,
    };
    const result = await render(
      base({ styleTags: ["folk"], language: "en", vocal: "female", durationSeconds: 25, context }),
      {
        onProgress: (stage, fraction) => {
          expect(fraction).toBeGreaterThanOrEqual(0);
          expect(fraction).toBeLessThanOrEqual(1);
          if (stages[stages.length - 1] !== stage) stages.push(stage);
        },
      },
    );
    expect(stages).toEqual([...renderStages]);
    expect(result.lyrics).toEqual(english);
    expect(result.timings).toHaveLength(4);
  });

  it("stops with an AbortError when aborted", async () => {
    const controller = new AbortController();
    const render = renderSong(base({ durationSeconds: 60 }), {
      signal: controller.signal,
      onProgress: (stage) => {
        if (stage === "band") controller.abort();
      },
    });
    await expect(render).rejects.toMatchObject({ name: "AbortError" });
    const already = new AbortController();
    already.abort();
    await expect(renderSong(base({}), { signal: already.signal })).rejects.toMatchObject({ name: "AbortError" });
  });
});
