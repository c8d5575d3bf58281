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
  const out: [Float32Array, Float32Array] = [new Float32Array(send.length), new Float32Array(send.length)];
  const stream = new ReverbStream((n) => send[n]!, send.length, options);
  for (let n = 0; n < send.length; ) {
    const to = Math.min(send.length, stream.advance());
    for (const side of [0, 1] as const) for (let i = n; i < to; i++) out[side][i] = stream.wetAt(side, i);
    n = to;
  }
  return out;
}

/**
 * The stereo return of the send whose sample n (0 ≤ n < length) is sendAt(n), worked out at half
 * the sample rate a block at a time, so that neither the send nor the return is ever held whole:
 * the mixer works the send out from its stems as the reverb reads it and writes the mix over those
 * stems right behind it. advance() reads the send up to sample 2 * (half-rate end) (each sample once,
 * in order) and makes the return readable (wetAt) up to the sample it returns.
 */
export class ReverbStream {
  /** Each side's return over the current block, at half rate; index 0 is the previous block's last. */
  private readonly wet: [Float32Array, Float32Array] = [
    new Float32Array(blockSize + 1),
    new Float32Array(blockSize + 1),
  ];
  /** Half-rate index of wet[side][1]. */
  private from = 0;
  private to = 0;
  private readonly half: number;
  private readonly input = new Float32Array(blockSize);
  private readonly sides: { combs: Comb[]; allpasses: Allpass[] }[];
  private readonly preDelay: number;
  /** The low-passed send before its pre-delay, a ring of preDelay + blockSize values. */
  private readonly delayed: Float64Array;
  private readonly hpCoef: number;
  private hpIn = 0;
  private hpOut = 0;
  /** The send's last two samples read (2k - 1 and 2k before the next half-rate sample k). */
  private s1 = 0;
  private s2 = 0;
  private readonly damp: number;
  private readonly feedback: number;

  constructor(
    private readonly sendAt: (n: number) => number,
    private readonly length: number,
    options: ReverbOptions,
  ) {
    const { sampleRate, roomSize = 0.82, damping = 0.45, preDelayMs = 22 } = options;
    const rate = sampleRate / 2;
    const scale = rate / 44100;
    this.feedback = roomSize * 0.28 + 0.7;
    this.damp = damping * 0.4;
    this.preDelay = Math.round((preDelayMs / 1000) * rate);
    this.delayed = new Float64Array(this.preDelay + blockSize);
    this.half = Math.ceil(length / 2);
    // Half rate through a [1 3 3 1]/8 low-pass, delayed, high-passed (low notes would turn into rumble).
    this.hpCoef = Math.exp((-2 * Math.PI * 180) / rate);
    this.sides = [0, 1].map((side) => ({
      combs: combTuning.map((tuning) => ({
        buffer: new Float32Array(Math.round((tuning + side * stereoSpread) * scale)),
        index: 0,
        store: 0,
      })),
      allpasses: allpassTuning.map((tuning) => ({
        buffer: new Float32Array(Math.round((tuning + side * stereoSpread) * scale)),
        index: 0,
      })),
    }));
  }

  /** Works out the next block; returns the full-rate sample up to which wetAt can now be read. */
  advance(): number {
    const { sendAt, length, input, delayed, preDelay } = this;
    const from = this.to;
    const to = Math.min(this.half, from + blockSize);
    for (let k = from; k < to; k++) {
      // Sample k of the low-passed send needs the send's samples 2k - 1 .. 2k + 2.
      const s3 = 2 * k + 1 < length ? sendAt(2 * k + 1) : 0;
      const s4 = 2 * k + 2 < length ? sendAt(2 * k + 2) : 0;
      delayed[k % delayed.length] = k >= 1 ? 0.125 * (this.s1 + 3 * this.s2 + 3 * s3 + s4) : 0;
      this.s1 = s3;
      this.s2 = s4;
    }
    let { hpIn, hpOut } = this;
    const { hpCoef } = this;
    for (let m = from; m < to; m++) {
      const x = m - preDelay >= 1 ? delayed[(m - preDelay) % delayed.length]! : 0;
      hpOut = hpCoef * (hpOut + x - hpIn);
      hpIn = x;
      input[m - from] = hpOut * 0.015;
    }
    this.hpIn = hpIn;
    this.hpOut = hpOut;
    this.sides.forEach(({ combs, allpasses }, side) => {
      const wet = this.wet[side]!;
      wet[0] = wet[this.to - this.from]!;
      const block = wet.subarray(1, 1 + to - from).fill(0);
      for (let c = 0; c < combs.length; c += 4)
        combBlock(combs.slice(c, c + 4), input, block, 0, to - from, this.damp, this.feedback);
      for (const allpass of allpasses) allpassBlock(allpass, block, 0, to - from);
    });
    this.from = from;
    this.to = to;
    // An odd sample is halfway between two half-rate ones: the last of this block waits for the next,
    // unless the song ends there.
    return to === this.half ? length : 2 * to - 1;
  }

  /**
   * Sample n of one side's return at the full rate, for n from one before the last advance's start
   * up to what it returned: even samples as they are, odd ones halfway to the next.
   */
  wetAt(side: 0 | 1, n: number): number {
    const wet = this.wet[side];
    const i = (n >> 1) - this.from + 1;
    const a = wet[i]!;
    return n & 1 ? Math.fround(0.5 * (a + ((n >> 1) + 1 < this.to ? wet[i + 1]! : a))) : a;
  }
}

type Allpass = { buffer: Float32Array; index: number };

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
function allpassBlock(allpass: Allpass, wet: Float32Array, from: number, to: number): void {
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
