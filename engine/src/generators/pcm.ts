import { resample } from "../voice/resample";
import { generatorSampleRate, type StereoPcm } from "./contract";

export interface DecodedWav {
  sampleRate: number;
  channels: Float32Array[];
}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

/** Reads a RIFF/WAVE file: integer PCM (8, 16, 24 or 32 bit) or IEEE float (32 or 64 bit), any channel count and rate. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a RIFF/WAVE file");
  let format: { code: number; channels: number; sampleRate: number; bits: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") {
      if (size < 16) throw new Error("WAV fmt chunk too short");
      let code = view.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
      if (code === EXTENSIBLE && size >= 40) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      if (!format) throw new Error("WAV data chunk before its fmt chunk");
      // Streaming writers leave the size at 0 or 0xFFFFFFFF: the data then runs to the end of the file.
      const available = bytes.length - body;
      const length = size === 0 || size > available ? available : size;
      return { sampleRate: format.sampleRate, channels: readSamples(view, body, length, format) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(format ? "WAV file without a data chunk" : "WAV file without a fmt chunk");
}

function readSamples(
  view: DataView,
  start: number,
  length: number,
  format: { code: number; channels: number; bits: number },
): Float32Array[] {
  const { code, channels, bits } = format;
  const width = bits / 8;
  const read = sampleReader(view, code, bits);
  if (!read || channels < 1)
    throw new Error(`unsupported WAV format ${code} with ${bits}-bit samples and ${channels} channel(s)`);
  const frames = Math.floor(length / (width * channels));
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let n = 0; n < frames; n++) {
    for (let c = 0; c < channels; c++) out[c]![n] = read(start + (n * channels + c) * width);
  }
  return out;
}

function sampleReader(view: DataView, code: number, bits: number): ((at: number) => number) | null {
  if (code === FLOAT && bits === 32) return (at) => view.getFloat32(at, true);
  if (code === FLOAT && bits === 64) return (at) => view.getFloat64(at, true);
  if (code !== PCM) return null;
  if (bits === 8) return (at) => (view.getUint8(at) - 128) / 128;
  if (bits === 16) return (at) => view.getInt16(at, true) / 32768;
  if (bits === 24)
    return (at) => (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
  if (bits === 32) return (at) => view.getInt32(at, true) / 2147483648;
  return null;
}

/** Mono is doubled and stereo kept, then both resampled to the engine's rate; more channels are refused rather than guessed at. */
export function toEngineStereo(wav: DecodedWav): StereoPcm {
  const [left, right] = wav.channels;
  if (!left || wav.channels.length > 2)
    throw new Error(`expected mono or stereo audio, got ${wav.channels.length} channels`);
  if (!(wav.sampleRate > 0)) throw new Error(`invalid sample rate ${wav.sampleRate}`);
  const l = resample(left, wav.sampleRate, generatorSampleRate);
  return [l, right ? resample(right, wav.sampleRate, generatorSampleRate) : l.slice()];
}

/** Section edges are cuts between unrelated takes: a few milliseconds of fade keep the joins from clicking. */
const edgeFadeSec = 0.005;

/** Exactly `frames` long: trimmed or padded with silence, faded in and out at the edges. */
export function fitFrames(pcm: StereoPcm, frames: number): StereoPcm {
  const fade = Math.min(Math.round(edgeFadeSec * generatorSampleRate), Math.floor(frames / 2));
  const audible = Math.min(frames, pcm[0].length);
  return pcm.map((x) => {
    const out = new Float32Array(frames);
    out.set(x.subarray(0, audible));
    for (let i = 0; i < fade; i++) {
      const gain = i / fade;
      out[i] = out[i]! * gain;
      if (audible - 1 - i >= fade) out[audible - 1 - i] = out[audible - 1 - i]! * gain;
    }
    return out;
  }) as StereoPcm;
}

/**
 * Joins takes that each overlap the next by `overlapFrames`, with an equal-power crossfade: the
 * takes are independent generations, uncorrelated, so constant power (not constant amplitude)
 * keeps the level steady through the join.
 */
export function crossfadeTakes(takes: readonly StereoPcm[], overlapFrames: number): StereoPcm {
  const total = takes.reduce((sum, t) => sum + t[0].length, 0) - overlapFrames * (takes.length - 1);
  const out: StereoPcm = [new Float32Array(total), new Float32Array(total)];
  let at = 0;
  takes.forEach((take, index) => {
    const length = take[0].length;
    for (let c = 0; c < 2; c++) {
      const x = take[c]!;
      const y = out[c]!;
      for (let n = 0; n < length; n++) {
        let gain = 1;
        if (index > 0 && n < overlapFrames) gain = Math.sin((Math.PI / 2) * (n / overlapFrames));
        else if (index < takes.length - 1 && n >= length - overlapFrames)
          gain = Math.cos((Math.PI / 2) * ((n - (length - overlapFrames)) / overlapFrames));
        y[at + n] = y[at + n]! + gain * x[n]!;
      }
    }
    at += length - overlapFrames;
  });
  return out;
}
