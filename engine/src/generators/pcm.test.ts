import { describe, expect, it } from "vitest";
import { crossfadeTakes, decodeWav, fitFrames, toEngineStereo } from "./pcm";

/** A WAV file as a model server might write it: `extensible` wraps the format code in WAVE_FORMAT_EXTENSIBLE. */
function wav(
  channels: Float32Array[],
  sampleRate: number,
  format: "int16" | "int24" | "float32",
  extensible = false,
): Uint8Array {
  const bits = format === "int16" ? 16 : format === "int24" ? 24 : 32;
  const width = bits / 8;
  const frames = channels[0]!.length;
  const fmtSize = extensible ? 40 : 16;
  const dataBytes = frames * channels.length * width;
  const bytes = new Uint8Array(12 + 8 + fmtSize + 8 + dataBytes);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((ch, i) => (bytes[at + i] = ch.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, bytes.length - 8, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, fmtSize, true);
  const code = format === "float32" ? 3 : 1;
  view.setUint16(20, extensible ? 0xfffe : code, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels.length * width, true);
  view.setUint16(32, channels.length * width, true);
  view.setUint16(34, bits, true);
  if (extensible) view.setUint16(20 + 24, code, true);
  const data = 20 + fmtSize;
  text(data, "data");
  view.setUint32(data + 4, dataBytes, true);
  for (let n = 0; n < frames; n++) {
    channels.forEach((x, c) => {
      const at = data + 8 + (n * channels.length + c) * width;
      if (format === "float32") view.setFloat32(at, x[n]!, true);
      else if (format === "int16") view.setInt16(at, Math.round(x[n]! * 32767), true);
      else {
        const v = Math.round(x[n]! * 8388607);
        view.setUint8(at, v & 0xff);
        view.setUint8(at + 1, (v >> 8) & 0xff);
        view.setInt8(at + 2, v >> 16);
      }
    });
  }
  return bytes;
}

const ramp = (length: number, scale = 1) => Float32Array.from({ length }, (_, i) => scale * (i / length - 0.5));

describe("decodeWav", () => {
  it.each([
    ["int16", false, 1 / 32767],
    ["int24", false, 1 / 8388607],
    ["float32", false, 1e-7],
    ["float32", true, 1e-7],
    ["int16", true, 1 / 32767],
  ] as const)("reads %s (extensible: %s) mono and stereo", (format, extensible, tolerance) => {
    for (const channels of [[ramp(1000)], [ramp(1000), ramp(1000, -0.5)]]) {
      const decoded = decodeWav(wav(channels, 22050, format, extensible));
      expect(decoded.sampleRate).toBe(22050);
      expect(decoded.channels).toHaveLength(channels.length);
      decoded.channels.forEach((x, c) => {
        expect(x).toHaveLength(1000);
        for (let n = 0; n < 1000; n++) expect(Math.abs(x[n]! - channels[c]![n]!)).toBeLessThanOrEqual(tolerance);
      });
    }
  });

  it("reads data that runs to the end of the file when a streaming writer left its size unset", () => {
    const bytes = wav([ramp(500)], 44100, "int16");
    new DataView(bytes.buffer).setUint32(40, 0xffffffff, true);
    expect(decodeWav(bytes).channels[0]).toHaveLength(500);
  });

  it("refuses what it cannot read", () => {
    expect(() => decodeWav(new TextEncoder().encode("<html>502 Bad Gateway</html>"))).toThrow(/not a RIFF/);
    const alaw = wav([ramp(10)], 8000, "int16");
    new DataView(alaw.buffer).setUint16(20, 6, true);
    expect(() => decodeWav(alaw)).toThrow(/unsupported WAV format 6/);
    expect(() => toEngineStereo({ sampleRate: 48000, channels: [ramp(10), ramp(10), ramp(10)] })).toThrow(
      /mono or stereo/,
    );
  });
});

describe("fitFrames and crossfadeTakes", () => {
  it("trims or pads to the exact length, with short fades at both ends", () => {
    const ones = (n: number): [Float32Array, Float32Array] => [
      new Float32Array(n).fill(1),
      new Float32Array(n).fill(1),
    ];
    const trimmed = fitFrames(ones(5000), 3000);
    expect(trimmed[0]).toHaveLength(3000);
    expect([trimmed[0][0], trimmed[0][1500], trimmed[0][2999]]).toEqual([0, 1, expect.closeTo(0, 1)]);
    const padded = fitFrames(ones(2000), 3000);
    expect(padded[1]).toHaveLength(3000);
    expect([padded[1][1000], padded[1][2500]]).toEqual([1, 0]);
  });

  it("keeps the power of uncorrelated takes steady through the join", () => {
    const rate = 44100;
    const sine = (hz: number, n: number) =>
      Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));
    const takes = [440, 554].map((hz) => [sine(hz, rate), sine(hz, rate)] as [Float32Array, Float32Array]);
    const joined = crossfadeTakes(takes, rate / 2);
    expect(joined[0]).toHaveLength(1.5 * rate);
    for (let at = 0; at + 2205 <= joined[0].length; at += 2205) {
      let sum = 0;
      for (let n = at; n < at + 2205; n++) sum += joined[0][n]! ** 2;
      expect(Math.abs(10 * Math.log10(sum / 2205 / 0.5))).toBeLessThan(1.5);
    }
  });
});
