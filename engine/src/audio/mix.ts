import type { BandStems } from "../synth/render";
import { fromDb, integratedLoudness, LoudnessMeter } from "./loudness";
import { ReverbStream } from "./reverb";

export interface MixOptions {
  sampleRate: number;
  /** Reverb level: 1 is a medium room (the tail some 14 LU under the dry sound). */
  reverbAmount: number;
  /** Where the ending's ring-out starts: the song fades to silence after it. */
  fadeFromSec: number;
  /** The band's level from each moment on (dB, 0 the loudest): verses sit under choruses. */
  levels?: { startSec: number; gainDb: number }[];
}

/** How much of the band's level changes the voice follows: a quieter verse is sung a little softer too. */
const vocalFollows = 0.5;
const levelRampSec = 0.25;

/**
 * Multiplies each signal, in place, over [start, end), by the gain (linear) following `levels`, with
 * short ramps at each change: past a ramp the gain holds, so only the ramps cost a gain per sample.
 */
function applyLevels(
  signals: readonly Float32Array[],
  levels: { startSec: number; gainDb: number }[],
  sampleRate: number,
  follow: number,
  start = 0,
  end = signals[0]?.length ?? 0,
): void {
  const length = signals[0]?.length ?? 0;
  const ramp = Math.round(levelRampSec * sampleRate);
  let previous = levels[0]?.gainDb ?? 0;
  levels.forEach((level, i) => {
    const from = Math.max(0, Math.round(level.startSec * sampleRate));
    const to = Math.min(length, Math.round((levels[i + 1]?.startSec ?? length / sampleRate) * sampleRate));
    const rampEnd = Math.min(to, from + ramp);
    for (let n = Math.max(from, start); n < Math.min(rampEnd, end); n++) {
      const gain = Math.fround(fromDb(follow * (previous + (level.gainDb - previous) * ((n - from) / ramp))));
      for (const x of signals) x[n]! *= gain;
    }
    // Past the ramp the gain holds: the same value as the ramp's formula at t = 1.
    const held = Math.fround(fromDb(follow * (previous + (level.gainDb - previous) * 1)));
    const [heldFrom, heldTo] = [Math.max(rampEnd, start), Math.min(to, end)];
    if (held !== 1) for (const x of signals) for (let n = heldFrom; n < heldTo; n++) x[n]! *= held;
    previous = level.gainDb;
  });
}

/** How far (LU) the vocal sits above the band: clearly in front, as in a song made to be sung along. */
const vocalLift = 2;
/** The vocal's reverb send; the band's (chords more, drums less) comes with its stems. */
const vocalSend = 0.24;
const reverbReturn = 2.3;
/** Samples the band's levels and loudness work through at a time (they stay in the cache between the two). */
const levelBlock = 16384;

/** Second-order Butterworth high-pass, in place. */
function highPass(x: Float32Array, cutoff: number, sampleRate: number): void {
  const k = Math.tan((Math.PI * cutoff) / sampleRate);
  const norm = 1 / (1 + Math.SQRT2 * k + k * k);
  const b0 = norm;
  const a1 = 2 * (k * k - 1) * norm;
  const a2 = (1 - Math.SQRT2 * k + k * k) * norm;
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0;
  for (let n = 0; n < x.length; n++) {
    const x0 = x[n]!;
    const y0 = b0 * (x0 - 2 * x1 + x2) - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x0;
    y2 = y1;
    y1 = y0;
    x[n] = y0;
  }
}

/**
 * Evens out a voice's syllables (RMS detector, 3:1 above -20 dBFS, 8 ms attack, 150 ms release)
 * so that quiet consonants and loud vowels sit at one level in the mix.
 */
function compressVocal(x: Float32Array, sampleRate: number): void {
  const attack = Math.exp(-1 / (0.008 * sampleRate));
  const release = Math.exp(-1 / (0.15 * sampleRate));
  const threshold = fromDb(-20) ** 2;
  let power = 0;
  for (let n = 0; n < x.length; n++) {
    const s = x[n]! * x[n]!;
    power = s > power ? attack * power + (1 - attack) * s : release * power + (1 - release) * s;
    // The gain on the level above the threshold is (threshold / power) ^ ((1 - 1/3) / 2): a cube root.
    if (power > threshold) x[n] = x[n]! * Math.cbrt(threshold / power);
  }
}

/** The singer's track ready to mix: levelled, high-passed, compressed, and its loudness measured. */
export interface PreparedVocal {
  samples: Float32Array;
  loudnessLufs: number;
}

/**
 * The vocal's own processing, which needs nothing from the band: it runs as soon as the singer is
 * done, while the band may still be rendering. Works in place.
 */
export function prepareVocal(vocal: Float32Array, options: Pick<MixOptions, "sampleRate" | "levels">): PreparedVocal {
  const { sampleRate } = options;
  if (options.levels && options.levels.length > 0) applyLevels([vocal], options.levels, sampleRate, vocalFollows);
  highPass(vocal, 100, sampleRate);
  compressVocal(vocal, sampleRate);
  // One mono signal heard on both sides.
  return { samples: vocal, loudnessLufs: integratedLoudness([{ signal: vocal, weight: 2 }], sampleRate) };
}

/** The mixed song, and its integrated loudness. */
export interface Mixed {
  channels: [Float32Array, Float32Array];
  loudnessLufs: number;
}

/**
 * Band plus vocal (from prepareVocal): the vocal set `vocalLift` LU above the band, a shared
 * reverb fed mostly by the chords and the voice, a short fade-in against clicks and a fade over
 * the final ring-out. Reuses the band's dry buffers for the result, and measures its loudness.
 */
export function mixSong(band: BandStems, prepared: PreparedVocal | null, options: MixOptions): Mixed {
  const { sampleRate } = options;
  const [mL, mR] = band.dry;
  const { send } = band;
  const length = mL.length;
  const vocal = prepared?.samples ?? null;
  // The band's levels and, for the vocal's gain, its loudness, in one pass through the stems.
  const bandMeter = prepared ? new LoudnessMeter(sampleRate, length, 2) : null;
  for (let from = 0; from < length; from += levelBlock) {
    const to = Math.min(length, from + levelBlock);
    if (options.levels && options.levels.length > 0)
      applyLevels([mL, mR, send], options.levels, sampleRate, 1, from, to);
    bandMeter?.add([mL, mR], from, to);
  }
  let vocalGain = 0;
  if (prepared && bandMeter) {
    const bandLoudness = bandMeter.loudness();
    if (Number.isFinite(bandLoudness) && Number.isFinite(prepared.loudnessLufs))
      vocalGain = fromDb(bandLoudness + vocalLift - prepared.loudnessLufs);
  }
  // The reverb reads the send block by block; the mix is written over the dry stems right behind it,
  // so no song-long buffer is added.
  const vocalToRoom = vocalSend * vocalGain;
  const sendAt = vocal ? (n: number) => Math.fround(send[n]! + vocalToRoom * vocal[n]!) : (n: number) => send[n]!;
  const room = new ReverbStream(sendAt, length, { sampleRate });
  const wet = reverbReturn * options.reverbAmount;
  const fadeIn = Math.min(length, Math.round(0.01 * sampleRate));
  const fadeStart = Math.max(fadeIn, Math.min(Math.round(options.fadeFromSec * sampleRate), length - 1));
  const fadeLength = length - fadeStart;
  // The fades apart, so that the body's loop has no gain to work out.
  const faded = (from: number, to: number, gainAt: (n: number) => number) => {
    for (let n = from; n < to; n++) {
      const v = vocal ? vocalGain * vocal[n]! : 0;
      const gain = gainAt(n);
      mL[n] = gain * (mL[n]! + v + wet * room.wetAt(0, n));
      mR[n] = gain * (mR[n]! + v + wet * room.wetAt(1, n));
    }
  };
  const body = (from: number, to: number) => {
    if (vocal) {
      for (let n = from; n < to; n++) {
        const v = vocalGain * vocal[n]!;
        mL[n] = mL[n]! + v + wet * room.wetAt(0, n);
        mR[n] = mR[n]! + v + wet * room.wetAt(1, n);
      }
    } else {
      for (let n = from; n < to; n++) {
        mL[n] = mL[n]! + wet * room.wetAt(0, n);
        mR[n] = mR[n]! + wet * room.wetAt(1, n);
      }
    }
  };
  const fadeInGain = (n: number) => n / fadeIn;
  const fadeOutGain = (n: number) => 0.5 + 0.5 * Math.cos((Math.PI * (n - fadeStart)) / fadeLength);
  // The mix's loudness is measured as it is written: mastering starts from it.
  const meter = new LoudnessMeter(sampleRate, length, 2);
  for (let from = 0; from < length; ) {
    const to = room.advance();
    faded(from, Math.min(to, fadeIn), fadeInGain);
    body(Math.max(from, fadeIn), Math.min(to, fadeStart));
    faded(Math.max(from, fadeStart), to, fadeOutGain);
    meter.add([mL, mR], from, to);
    from = to;
  }
  return { channels: [mL, mR], loudnessLufs: meter.loudness() };
}
