import { describe, expect, it } from "vitest";
import { centsBetween, median, trackPitch } from "../../test-helpers/pitch";
import { findPitchMarks } from "./analysis";
import { renderLine } from "./psola";
import { resample } from "./resample";

// A vowel-like source: 30 harmonics of `hz` under two formant bumps, with a slow amplitude swell.
function vowel(hz: number, sampleRate: number, seconds: number): Float32Array {
  const formant = (f: number) =>
    Math.exp(-(((f - 700) / 200) ** 2)) + 0.5 * Math.exp(-(((f - 1200) / 250) ** 2)) + 0.05;
  return Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, n) => {
    let v = 0;
    for (let h = 1; h <= 30; h++)
      v += formant(h * hz) * Math.sin((2 * Math.PI * h * hz * n) / sampleRate + h * h * 0.3);
    return 0.1 * v * (1 + 0.2 * Math.sin((2 * Math.PI * 3 * n) / sampleRate));
  });
}

describe("resample", () => {
  it("keeps a sine intact from 22.05 kHz to 44.1 and 48 kHz", () => {
    const sine = Float32Array.from({ length: 22050 }, (_, n) => Math.sin((2 * Math.PI * 1000 * n) / 22050));
    for (const rate of [44100, 48000]) {
      const out = resample(sine, 22050, rate);
      expect(out.length).toBe(rate);
      let error = 0;
      for (let n = 1000; n < out.length - 1000; n++)
        error = Math.max(error, Math.abs(out[n]! - Math.sin((2 * Math.PI * 1000 * n) / rate)));
      expect(error).toBeLessThan(1e-3);
    }
  });
});

describe("pitch marks and PSOLA", () => {
  it("marks one point per period, at the same place in each", () => {
    const { positions, lastInRun } = findPitchMarks(vowel(200, 22050, 0.5), 22050, 190);
    const spacings = Array.from(positions.subarray(1), (p, i) => p - positions[i]!);
    expect(lastInRun.filter(Boolean).length).toBe(1);
    expect(spacings.length).toBeGreaterThan(90);
    for (const spacing of spacings) expect(Math.abs(spacing - 22050 / 200)).toBeLessThan(0.5);
  });

  it("stretches a vowel and moves it to the target pitch", () => {
    const rate = 44100;
    const source = resample(vowel(200, 22050, 0.5), 22050, rate);
    const marks = findPitchMarks(vowel(200, 22050, 0.5), 22050, 200);
    const scaled = { positions: marks.positions.map((p) => p * 2), lastInRun: marks.lastInRun };
    const midi = 67;
    const { offset, samples } = renderLine(
      source,
      scaled,
      [{ out0: 1, out1: 2, src0: 0.1, src1: 0.4, note: 0 }],
      { startSec: 1, midi: new Float64Array(1001).fill(midi) },
      rate,
    );
    expect(offset).toBeLessThan(rate);
    expect(offset + samples.length).toBeGreaterThan(2 * rate);
    const frames = trackPitch(samples, rate, { minHz: 150, maxHz: 800 }).filter((frame) => frame.hz > 0);
    expect(frames.length).toBeGreaterThan(80);
    expect(Math.abs(median(frames.map((frame) => centsBetween(frame.hz, 440 * 2 ** ((midi - 69) / 12)))))).toBeLessThan(
      5,
    );
  });
});
