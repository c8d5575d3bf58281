import { readdirSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { centsBetween, median, midiToHz, trackPitch } from "../../test-helpers/pitch";
import { builtEntry } from "../runtime/built-entry";
import type { SingRequest, SungNote } from "./contract";
import type { ToSingerThread } from "./protocol";
import { closeSinger, sing, singerProcessId } from "./sing";

const SAMPLE_RATE = 44100;
const BEAT = 0.4;
const LINE_GAP_SEC = 0.8;
// Two lines over an octave and back: C D E F | G A B C | G E D C (shifted per singer).
const MELODY = [0, 2, 4, 5, 7, 9, 11, 12, 7, 4, 2, 0];

function song(
  language: SingRequest["language"],
  voice: SingRequest["voice"],
  lines: string[][],
  tonic: number,
): SingRequest {
  const notes: SungNote[] = [];
  let t = 0.5;
  lines.forEach((syllables, line) => {
    for (const syllable of syllables) {
      // Every fourth note is held twice as long, long enough for vibrato.
      const beats = notes.length % 4 === 3 ? 2 : 1;
      notes.push({
        syllable,
        line,
        midi: tonic + MELODY[notes.length % MELODY.length]!,
        startSec: t,
        durationSec: beats * BEAT * 0.95,
      });
      t += beats * BEAT;
    }
    t += LINE_GAP_SEC;
  });
  return { language, voice, sampleRate: SAMPLE_RATE, durationSec: t, notes };
}

const french = song(
  "fr",
  "female",
  [
    ["Joy-", "eux", "an-", "ni-", "ver-", "saire"],
    ["Ma-", "ë-", "lys", "c'est", "No-", "ël"],
  ],
  60,
);
const english = song(
  "en",
  "male",
  [
    ["Hap-", "py", "birth-", "day", "to", "you"],
    ["my", "dear", "friend", "No-", "ël", "sings"],
  ],
  48,
);

/** Median distance, in cents, between the sung pitch and the written note, over voiced frames well
 * inside the notes (consonants sit at their edges). */
function medianPitchError(samples: Float32Array, request: SingRequest): { cents: number; frames: number } {
  const frames = trackPitch(
    samples,
    request.sampleRate,
    request.voice === "female" ? { minHz: 150, maxHz: 1000 } : { minHz: 70, maxHz: 500 },
  );
  const errors: number[] = [];
  for (const note of request.notes) {
    for (const frame of frames) {
      const inside = frame.timeSec > note.startSec + 0.06 && frame.timeSec < note.startSec + note.durationSec - 0.06;
      if (inside && frame.hz > 0 && frame.rms > 0.02)
        errors.push(Math.abs(centsBetween(frame.hz, midiToHz(note.midi))));
    }
  }
  return { cents: median(errors), frames: errors.length };
}

function rms(samples: Float32Array, fromSec: number, toSec: number, sampleRate = SAMPLE_RATE): number {
  const from = Math.max(0, Math.round(fromSec * sampleRate));
  const to = Math.min(samples.length, Math.round(toSec * sampleRate));
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

function lineSpans(request: SingRequest): { start: number; end: number }[] {
  const spans = new Map<number, { start: number; end: number }>();
  for (const note of request.notes) {
    const span = spans.get(note.line) ?? { start: Infinity, end: -Infinity };
    spans.set(note.line, {
      start: Math.min(span.start, note.startSec),
      end: Math.max(span.end, note.startSec + note.durationSec),
    });
  }
  return [...spans.values()];
}

/** The espeak processes this process started (from any of its threads). */
function espeakChildren(): number[] {
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        const parent = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        return (
          parent === String(process.pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("espeak-process")
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let tries = 0; tries < 600; tries++) {
    const found = check();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`still waiting for ${what}`);
}

afterAll(closeSinger);

describe("sing", () => {
  it("sings a French phrase in tune (median error on voiced frames ≤ 50 cents)", async () => {
    const samples = await sing(french);
    const { cents, frames } = medianPitchError(samples, french);
    expect(frames).toBeGreaterThan(300);
    expect(cents).toBeLessThan(50);
  });

  it("sings an English phrase in tune (median error on voiced frames ≤ 50 cents)", async () => {
    const samples = await sing(english);
    const { cents, frames } = medianPitchError(samples, english);
    expect(frames).toBeGreaterThan(300);
    expect(cents).toBeLessThan(50);
  });

  it("puts its energy on the notes: every note sounds, the song is silent before, between and after lines", async () => {
    const samples = await sing(french);
    for (const note of french.notes)
      expect(rms(samples, note.startSec, note.startSec + note.durationSec)).toBeGreaterThan(0.03);
    const spans = lineSpans(french);
    // A line's first consonants may lead its first note by up to 0.3 s.
    const silences = [
      [0, spans[0]!.start - 0.3],
      [spans[0]!.end + 0.02, spans[1]!.start - 0.3],
      [spans[1]!.end + 0.02, french.durationSec],
    ];
    for (const [from, to] of silences) expect(rms(samples, from!, to!)).toBe(0);
  });

  it("sings the README's order's line, whose espeak reading once sent the pitch marks to a negative period", async () => {
    // "Marie fait du surf c'est comme ça" high in the female voice: a frame's best lag fell on the
    // edge of the searched range and the interpolated period came out below zero.
    const melody = [61, 61, 61, 64, 62, 61, 62, 66];
    const syllables = ["Ma-", "rie", "fait", "du", "surf", "c'est", "comme", "ça"];
    const notes = syllables.map((syllable, k) => ({
      syllable,
      line: 0,
      midi: melody[k]!,
      startSec: 0.5 + k * BEAT,
      durationSec: BEAT * 0.95,
    }));
    const request: SingRequest = { language: "fr", voice: "female", sampleRate: SAMPLE_RATE, durationSec: 4.5, notes };
    const samples = await sing(request);
    for (const note of notes)
      expect(rms(samples, note.startSec, note.startSec + note.durationSec)).toBeGreaterThan(0.03);
    expect(medianPitchError(samples, request).cents).toBeLessThan(50);
  });

  it("returns exactly durationSec × sampleRate samples, peaking below 0 dBFS", async () => {
    const request: SingRequest = { ...english, sampleRate: 48000, durationSec: 4.2 };
    const samples = await sing(request);
    expect(samples.length).toBe(Math.round(4.2 * 48000));
    const peak = samples.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
    expect(peak).toBeGreaterThan(0.5);
    expect(peak).toBeLessThan(1);
    expect(await sing({ ...english, notes: [] })).toEqual(
      new Float32Array(Math.round(english.durationSec * SAMPLE_RATE)),
    );
  });

  it("gives identical samples for the same request, whatever was sung before", async () => {
    const first = await sing(english);
    await sing(french);
    const again = await sing(english);
    expect(Buffer.from(again.buffer).equals(Buffer.from(first.buffer))).toBe(true);
  });

  it("sings each voice in its own register with its own timbre", async () => {
    const female = song("en", "female", [["Hap-", "py", "birth-", "day", "to", "you"]], 60);
    const male = song("en", "male", [["Hap-", "py", "birth-", "day", "to", "you"]], 48);
    const pitches = async (request: SingRequest) => {
      const frames = trackPitch(await sing(request), SAMPLE_RATE, { minHz: 70, maxHz: 1000 });
      return frames.filter((frame) => frame.hz > 0 && frame.rms > 0.02).map((frame) => frame.hz);
    };
    const [high, low] = [await pitches(female), await pitches(male)];
    expect(centsBetween(median(high), median(low))).toBeGreaterThan(1000);
    // The same notes in each voice: the melody is the same, the voice is not.
    const asMale = await sing({ ...female, voice: "male" });
    const asFemale = await sing(female);
    expect(Buffer.from(asMale.buffer).equals(Buffer.from(asFemale.buffer))).toBe(false);
    expect(medianPitchError(asMale, female).cents).toBeLessThan(50);
  });

  it("stops when aborted", async () => {
    await expect(sing(french, AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
    const controller = new AbortController();
    const pending = sing(french, controller.signal);
    // Aborted while its lines are with espeak (a timer would race the render on a busy machine).
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect((await sing(english)).length).toBe(Math.round(english.durationSec * SAMPLE_RATE));
  });

  it("leaves no espeak process behind when the thread singing is stopped mid-song (the gateway's cancel)", async () => {
    const before = new Set(espeakChildren());
    const thread = new Worker(await builtEntry("singer-thread"));
    thread.postMessage({ type: "sing", id: 1, request: french } satisfies ToSingerThread);
    const espeak = await until(() => espeakChildren().find((pid) => !before.has(pid)), "espeak to start");
    await thread.terminate();
    await until(() => (espeakChildren().includes(espeak) ? undefined : true), "espeak to exit");
  });

  it("fails the request in flight when the espeak process dies, and the next request starts a new one", async () => {
    const reference = await sing(english);
    const pid = singerProcessId();
    expect(pid).toBeDefined();
    const pending = sing(english);
    process.kill(pid!, "SIGKILL");
    await expect(pending).rejects.toThrow(/espeak process exited/);
    const again = await sing(english);
    expect(singerProcessId()).not.toBe(pid);
    // A new process, the same samples: espeak's state is reset before every synthesis.
    expect(Buffer.from(again.buffer).equals(Buffer.from(reference.buffer))).toBe(true);
  });
});
