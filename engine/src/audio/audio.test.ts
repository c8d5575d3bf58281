import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, decodeSamples, ebur128 } from "../../test-helpers/ffmpeg";
import { readWav } from "../../test-helpers/wav";
import { createRng } from "../arranger/prng";
import { fromDb, integratedLoudness, measureLoudness, samplePeak, toDb, truePeak } from "./loudness";
import { master } from "./master";
import { encodeMp3, encodeMp3Stream, frameSamples, Mp3Stream, splitPlan } from "./mp3";
import { reverb } from "./reverb";
import { findGaps } from "./silence";
import { encodeWav } from "./wav";

const rate = 44100;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "refrain-audio-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const seconds = (s: number) => Math.round(s * rate);

function sine(hz: number, amplitude: number, length: number, phase = 0): Float32Array {
  return Float32Array.from({ length }, (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / rate + phase));
}

/** Music-like test audio: chords of decaying partials and noise bursts, some quiet bars, a silent gap. */
function pseudoMusic(lengthSec: number, seed: number): [Float32Array, Float32Array] {
  const rng = createRng(seed);
  const length = seconds(lengthSec);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  for (let start = 0; start < length; start += seconds(0.25)) {
    if (start > seconds(4) && start < seconds(5.5)) continue;
    const level = start % seconds(4) < seconds(1) ? 0.05 : 0.3;
    const hz = 110 * 2 ** (rng.int(0, 24) / 12);
    const pan = rng.next();
    for (let i = 0; i < seconds(0.5) && start + i < length; i++) {
      const decay = Math.exp(-i / seconds(0.12));
      const v =
        level *
        decay *
        (Math.sin((2 * Math.PI * hz * i) / rate) +
          0.5 * Math.sin((4 * Math.PI * hz * i) / rate) +
          0.3 * (rng.next() - 0.5));
      left[start + i] = left[start + i]! + v * (1 - pan);
      right[start + i] = right[start + i]! + v * pan;
    }
  }
  return [left, right];
}

async function reference(name: string, channels: Float32Array[]) {
  const file = join(dir, `${name}.wav`);
  const wav = encodeWav(channels, rate);
  await writeFile(file, wav);
  return { heard: readWav(wav).channels, measured: await ebur128(file) };
}

describe("the loudness meter", () => {
  // ffmpeg's true-peak upsampler rings on pure high tones (it reads a 10 kHz sine 0.4 dB or more
  // over its real peak), so peaks are compared on the other signals only.
  it.each([
    ["a 1 kHz sine at -20 dBFS", true, () => [sine(1000, 0.1, seconds(5)), sine(1000, 0.1, seconds(5))]],
    ["a 100 Hz sine in one channel", true, () => [sine(100, 0.5, seconds(5)), new Float32Array(seconds(5))]],
    ["a 10 kHz sine", false, () => [sine(10000, 0.2, seconds(5)), sine(10000, 0.2, seconds(5))]],
    ["music-like audio with quiet and silent stretches", true, () => pseudoMusic(12, 3)],
  ])("agrees with ffmpeg's ebur128 on %s", async (name, comparePeaks, make) => {
    const { heard, measured } = await reference(name.replace(/\W+/g, "-"), make());
    const mine = measureLoudness(heard, rate);
    expect(Math.abs(mine.integratedLufs - measured.integratedLufs)).toBeLessThanOrEqual(0.2);
    if (comparePeaks) expect(Math.abs(mine.truePeakDbtp - measured.truePeakDbtp)).toBeLessThanOrEqual(0.2);
  });

  it("finds the peak between samples", () => {
    // A quarter-rate sine sampled at ±45°: every sample is at 0.707, the wave itself reaches 1.
    const x = sine(rate / 4, 0.9, seconds(1), Math.PI / 4);
    expect(toDb(samplePeak([x]))).toBeCloseTo(toDb(0.9 * Math.SQRT1_2), 1);
    expect(toDb(truePeak([x]))).toBeGreaterThan(toDb(0.9) - 0.3);
  });

  it("gates silence out and reads nothing in silence", () => {
    const tone = sine(1000, 0.1, seconds(4));
    const withSilence = new Float32Array(seconds(12));
    withSilence.set(tone, seconds(4));
    // Only the blocks that straddle the tone's edges lower it a little.
    expect(
      Math.abs(integratedLoudness([withSilence, withSilence], rate) - integratedLoudness([tone, tone], rate)),
    ).toBeLessThan(0.5);
    expect(integratedLoudness([new Float32Array(seconds(2))], rate)).toBe(-Infinity);
  });
});

describe("mastering", () => {
  it("brings audio to -14 LUFS under -1 dBTP, as ffmpeg measures it too", async () => {
    const [left, right] = pseudoMusic(20, 7);
    // Loud and peaky, so that the limiter has work to do.
    for (const x of [left, right]) for (let n = 0; n < x.length; n++) x[n] = x[n]! * 3;
    const result = master([left, right], { sampleRate: rate });
    expect(result.loudnessLufs).toBeCloseTo(-14, 1);
    expect(result.truePeakDbtp).toBeLessThanOrEqual(-1);
    const { measured } = await reference("mastered", result.channels);
    expect(Math.abs(measured.integratedLufs + 14)).toBeLessThanOrEqual(0.2);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it("raises quiet audio without touching what is already under the ceiling", () => {
    const x = sine(440, fromDb(-40), seconds(6));
    const result = master([x, x.slice()], { sampleRate: rate });
    expect(result.loudnessLufs).toBeCloseTo(-14, 1);
    const gain = result.channels[0][seconds(3)]! / x[seconds(3)]!;
    expect(gain).toBeCloseTo(result.channels[0][seconds(3) + 17]! / x[seconds(3) + 17]!, 3);
  });
});

describe("reverb", () => {
  it("rings after its input stops, keeps the length and is the same every time", () => {
    const impulse = new Float32Array(seconds(3));
    impulse[seconds(0.5)] = 1;
    const [left, right] = reverb(impulse, { sampleRate: rate });
    expect(left.length).toBe(impulse.length);
    const energy = (x: Float32Array, from: number, to: number) =>
      x.subarray(seconds(from), seconds(to)).reduce((s, v) => s + v * v, 0);
    expect(energy(left, 0, 0.5)).toBe(0);
    expect(energy(left, 1, 1.5)).toBeGreaterThan(0);
    expect(energy(left, 2.5, 3)).toBeLessThan(energy(left, 0.6, 1.1));
    expect(Array.from(left.subarray(seconds(0.6), seconds(0.7)))).not.toEqual(
      Array.from(right.subarray(seconds(0.6), seconds(0.7))),
    );
    expect(reverb(impulse, { sampleRate: rate })[0]).toEqual(left);
  });
});

describe("files", () => {
  it("writes 16-bit stereo WAV that reads back", () => {
    const x = sine(440, 0.5, 1000);
    const wav = encodeWav([x, x], rate);
    expect(wav.length).toBe(44 + 1000 * 4);
    const back = readWav(wav);
    expect(back.sampleRate).toBe(rate);
    expect(back.channels).toHaveLength(2);
    expect(Math.abs(back.channels[1]![100]! - x[100]!)).toBeLessThan(1 / 16384);
  });

  it("encodes MP3 that ffmpeg decodes cleanly at the right length", async () => {
    const [left, right] = pseudoMusic(6, 5);
    const mp3 = await encodeMp3([left, right], rate, 192);
    const file = join(dir, "test.mp3");
    await writeFile(file, mp3);
    const decoded = await decode(file);
    expect(decoded.codec).toBe("mp3");
    expect(decoded.channels).toBe(2);
    expect(decoded.sampleRate).toBe(rate);
    expect(decoded.errors).toBe("");
    expect(Math.abs(decoded.durationSec - 6)).toBeLessThan(0.1);
  });

  it("encodes a long MP3 as two halves joined without a click, a gap or a change of length", async () => {
    const music = pseudoMusic(40, 9);
    const joined = await encodeMp3(music, rate, 192);
    const whole = await encodeMp3Stream(music, rate, 192);
    // The halves were joined (one encoder would have made the same bytes as `whole`).
    expect(Buffer.from(joined).equals(Buffer.from(whole))).toBe(false);
    expect(Buffer.from(await encodeMp3(music, rate, 192)).equals(Buffer.from(joined))).toBe(true);
    await writeFile(join(dir, "joined.mp3"), joined);
    await writeFile(join(dir, "whole.mp3"), whole);
    expect((await decode(join(dir, "joined.mp3"))).errors).toBe("");
    const a = await decodeSamples(join(dir, "joined.mp3"));
    const b = await decodeSamples(join(dir, "whole.mp3"));
    expect(a[0]!.length).toBe(b[0]!.length);
    expect(Math.abs(a[0]!.length / rate - 40)).toBeLessThan(0.1);
    // Up to the join both files are the same frames; from it on they are two encodings of the same
    // audio, which differ by coding noise only. A click or a dropout at the join would stand out of
    // that noise there.
    const plan = splitPlan(music[0].length, rate)!;
    const from = plan.from * frameSamples;
    expect(a[0]!.subarray(0, from - frameSamples)).toEqual(b[0]!.subarray(0, from - frameSamples));
    const window = frameSamples;
    const worst = (start: number, end: number) => {
      let peak = 0;
      for (const [c, x] of a.entries())
        for (let n = start; n < end; n++) peak = Math.max(peak, Math.abs(x[n]! - b[c]![n]!));
      return peak;
    };
    const noise = worst(from + seconds(2), from + seconds(12));
    let signal = 0;
    for (const x of b) for (let n = from; n < from + seconds(12); n++) signal = Math.max(signal, Math.abs(x[n]!));
    expect(noise).toBeLessThan(signal / 4);
    for (let at = from - window; at < (plan.to + 2) * frameSamples; at += window)
      expect(worst(at, at + window)).toBeLessThanOrEqual(noise);
  });
});

describe("an MP3 encoded as the master is written", () => {
  const shared = (x: Float32Array) => {
    const y = new Float32Array(new SharedArrayBuffer(x.byteLength));
    y.set(x);
    return y;
  };

  it("is the MP3 of the samples as finally written, even when a second pass rewrote them", async () => {
    const [a0, a1] = pseudoMusic(30, 3);
    const [b0, b1] = pseudoMusic(30, 4);
    const expected = await encodeMp3([b0, b1], rate, 192);
    const out: [Float32Array, Float32Array] = [shared(a0), shared(a1)];
    const stream = await Mp3Stream.start(out, rate, 192);
    // A first pass writes the first seconds, then a second pass (another gain) writes it all again.
    stream.written(0, seconds(8));
    out[0].set(b0);
    out[1].set(b1);
    stream.written(1, out[0].length);
    expect(Buffer.from(await stream.finish(out)).equals(Buffer.from(expected))).toBe(true);
  });

  it("is the same bytes as the MP3 of the finished samples when written in one pass", async () => {
    const music = pseudoMusic(30, 5);
    const expected = await encodeMp3(music, rate, 192);
    const out: [Float32Array, Float32Array] = [
      new Float32Array(new SharedArrayBuffer(music[0].byteLength)),
      new Float32Array(new SharedArrayBuffer(music[1].byteLength)),
    ];
    const stream = await Mp3Stream.start(out, rate, 192);
    for (let at = 0; at < out[0].length; at += seconds(1)) {
      const to = Math.min(out[0].length, at + seconds(1));
      out[0].set(music[0].subarray(at, to), at);
      out[1].set(music[1].subarray(at, to), at);
      stream.written(0, to);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(Buffer.from(await stream.finish(out)).equals(Buffer.from(expected))).toBe(true);
  });
});

describe("silence detection", () => {
  it("reports quiet stretches longer than the minimum, within the examined span", () => {
    const x = sine(220, 0.3, seconds(6));
    x.fill(0, seconds(2), seconds(3.5));
    x.fill(0, seconds(4), seconds(4.4));
    const gaps = findGaps([x], { sampleRate: rate });
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.startSec).toBeCloseTo(2, 1);
    expect(gaps[0]!.endSec).toBeCloseTo(3.5, 1);
    expect(findGaps([x], { sampleRate: rate, untilSec: 2.5 })).toEqual([]);
  });
});
