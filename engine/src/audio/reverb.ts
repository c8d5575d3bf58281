// A Schroeder-Moorer reverb in the Freeverb layout (eight damped combs and four all-passes per
// side, the right side's delays a little longer for width). It runs at half the sample rate: a
// reverb tail is dark anyway, and it then costs a fraction of the synthesizer's built-in effects.

const combTuning = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const allpassTuning = [556, 441, 341, 225];
const stereoSpread = 23;

export interface ReverbOptions {
  sampleRate: number;
  /** 0..1: longer decay as it grows. */
  roomSize?: number;
  /** 0..1: darker tail as it grows. */
  damping?: number;
  preDelayMs?: number;
}

/** Reverberates a mono send into a stereo return of the same length (the tail past the end is dropped). */
export function reverb(send: Float32Array, options: ReverbOptions): [Float32Array, Float32Array] {
  return reverbHalfRate((n) => send[n]!, send.length, options).map((wet) => {
    const channel = new Float32Array(send.length);
    for (let n = 0; n < send.length; n++) channel[n] = wetAt(wet, n);
    return channel;
  }) as [Float32Array, Float32Array];
}

/**
 * Sample n of a return at the full rate, from the half-rate return: even samples as they are, odd
 * ones halfway to the next (linear interpolation).
 */
export function wetAt(wet: Float32Array, n: number): number {
  const m = n >> 1;
  const a = wet[m]!;
  return n & 1 ? Math.fround(0.5 * (a + (wet[m + 1] ?? a))) : a;
}

/**
 * The stereo return, at half the sample rate (ceil(length / 2) samples per side), of the send whose
 * sample n (0 ≤ n < length) is sendAt(n): the mixer works the send out from its stems as it is read
 * and reads the return through wetAt, so neither is held in memory at the full rate.
 */
export function reverbHalfRate(
  sendAt: (n: number) => number,
  length: number,
  options: ReverbOptions,
): [Float32Array, Float32Array] {
  const { sampleRate, roomSize = 0.82, damping = 0.45, preDelayMs = 22 } = options;
  const rate = sampleRate / 2;
  const scale = rate / 44100;
  const feedback = roomSize * 0.28 + 0.7;
  const damp = damping * 0.4;
  const preDelay = Math.round((preDelayMs / 1000) * rate);
  const half = Math.ceil(length / 2);

  // Half rate through a [1 3 3 1]/8 low-pass, delayed, high-passed (low notes would turn into rumble).
  const hpCoef = Math.exp((-2 * Math.PI * 180) / rate);
  const input = new Float32Array(half);
  let hpIn = 0;
  let hpOut = 0;
  for (let m = 0; m < half; m++) {
    const at = 2 * (m - preDelay);
    const x =
      at >= 1
        ? 0.125 *
          (sendAt(at - 1) +
            3 * sendAt(at) +
            3 * (at + 1 < length ? sendAt(at + 1) : 0) +
            (at + 2 < length ? sendAt(at + 2) : 0))
        : 0;
    hpOut = hpCoef * (hpOut + x - hpIn);
    hpIn = x;
    input[m] = hpOut * 0.015;
  }

  const out: [Float32Array, Float32Array] = [new Float32Array(half), new Float32Array(half)];
  out.forEach((wet, side) => {
    const combs = combTuning.map((tuning) => ({
      buffer: new Float32Array(Math.round((tuning + side * stereoSpread) * scale)),
      index: 0,
      store: 0,
    }));
    const allpasses = allpassTuning.map((tuning) => ({
      buffer: new Float32Array(Math.round((tuning + side * stereoSpread) * scale)),
      index: 0,
    }));
    // Block by block, each filter over the block in turn: the block and every filter's delay line stay
    // in the cache, where whole-signal passes would stream the signal through memory once per filter.
    for (let from = 0; from < half; from += blockSize) {
      const to = Math.min(half, from + blockSize);
      for (let c = 0; c < combs.length; c += 4) combBlock(combs.slice(c, c + 4), input, wet, from, to, damp, feedback);
      for (const allpass of allpasses) allpassBlock(allpass, wet, from, to);
    }
  });
  return out;
}

const blockSize = 2048;

type Comb = { buffer: Float32Array; index: number; store: number };

/**
 * Four damped comb filters over input[from, to), their outputs added to wet one after the other (as
 * four passes would, each sum rounded to 32 bits). Four at once: each comb's recursion waits on its
 * own previous sample, so their four chains of work overlap in the processor.
 */
function combBlock(
  [c0, c1, c2, c3]: Comb[],
  input: Float32Array,
  wet: Float32Array,
  from: number,
  to: number,
  damp: number,
  feedback: number,
): void {
  const b0 = c0!.buffer,
    b1 = c1!.buffer,
    b2 = c2!.buffer,
    b3 = c3!.buffer;
  let i0 = c0!.index,
    i1 = c1!.index,
    i2 = c2!.index,
    i3 = c3!.index;
  let s0 = c0!.store,
    s1 = c1!.store,
    s2 = c2!.store,
    s3 = c3!.store;
  const keep = 1 - damp;
  for (let m = from; m < to; m++) {
    const x = input[m]!;
    const y0 = b0[i0]!;
    const y1 = b1[i1]!;
    const y2 = b2[i2]!;
    const y3 = b3[i3]!;
    s0 = y0 * keep + s0 * damp;
    s1 = y1 * keep + s1 * damp;
    s2 = y2 * keep + s2 * damp;
    s3 = y3 * keep + s3 * damp;
    b0[i0] = x + s0 * feedback;
    b1[i1] = x + s1 * feedback;
    b2[i2] = x + s2 * feedback;
    b3[i3] = x + s3 * feedback;
    if (++i0 === b0.length) i0 = 0;
    if (++i1 === b1.length) i1 = 0;
    if (++i2 === b2.length) i2 = 0;
    if (++i3 === b3.length) i3 = 0;
    wet[m] = Math.fround(Math.fround(Math.fround(wet[m]! + y0) + y1) + y2) + y3;
  }
  c0!.index = i0;
  c1!.index = i1;
  c2!.index = i2;
  c3!.index = i3;
  c0!.store = s0;
  c1!.store = s1;
  c2!.store = s2;
  c3!.store = s3;
}

/** An all-pass filter over wet[from, to), in place. */
function allpassBlock(
  allpass: { buffer: Float32Array; index: number },
  wet: Float32Array,
  from: number,
  to: number,
): void {
  const { buffer } = allpass;
  let { index } = allpass;
  for (let m = from; m < to; m++) {
    const x = wet[m]!;
    const b = buffer[index]!;
    buffer[index] = x + b * 0.5;
    if (++index === buffer.length) index = 0;
    wet[m] = b - x;
  }
  allpass.index = index;
}
