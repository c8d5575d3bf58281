// ITU-R BS.1770-4 loudness (EBU R128): K-weighting, 400 ms blocks every 100 ms, an absolute gate
// at -70 LUFS and a relative gate 10 LU under the mean of the blocks above it; true peak by 4x
// oversampling. Stereo channels weigh 1 each.

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** The two K-weighting stages (high shelf, then high pass) for any sample rate, as libebur128 derives them. */
function kWeighting(sampleRate: number): [Biquad, Biquad] {
  const vh = 10 ** (3.999843853973347 / 20);
  const vb = vh ** 0.4996667741545416;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * 1681.974450955533) / sampleRate);
  let a0 = 1 + k / q + k * k;
  const shelf = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * 38.13547087602444) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass = { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
  return [shelf, highPass];
}

/**
 * A channel to measure: one signal, or the sum of two (rounded to 32 bits, as if it had been mixed
 * into a buffer), counted `weight` times (a mono signal meant for both sides of a stereo pair
 * weighs 2, exactly as the same signal given twice).
 */
export interface MeteredChannel {
  signal: Float32Array;
  plus?: Float32Array;
  weight?: number;
}

/** One channel's K-weighting filters and the step under way, carried from one stretch of samples to the next. */
interface ChannelMeter {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  z1: number;
  z2: number;
  /** The step under way, its energy so far and how many of its samples have been read. */
  index: number;
  sum: number;
  done: number;
}

const channelMeter = (): ChannelMeter => ({ x1: 0, x2: 0, y1: 0, y2: 0, z1: 0, z2: 0, index: 0, sum: 0, done: 0 });

/**
 * Reads x[from, to) (plus `plus`, the sum rounded to 32 bits, when given) through a channel's
 * K-weighting, adding each completed step's energy, times `weight`, to `energies`. Samples past the
 * last whole step are not read.
 */
function meterStretch(
  meter: ChannelMeter,
  [s, h]: [Biquad, Biquad],
  step: number,
  { signal: x, plus, weight = 1 }: MeteredChannel,
  from: number,
  to: number,
  energies: Float64Array,
): void {
  let { x1, x2, y1, y2, z1, z2, index, sum, done } = meter;
  const stop = Math.min(to, energies.length * step);
  for (let n = from; n < stop; ) {
    const end = Math.min(stop, n + step - done);
    done += end - n;
    for (; n < end; n++) {
      const x0 = plus ? Math.fround(x[n]! + plus[n]!) : x[n]!;
      const y0 = s.b0 * x0 + s.b1 * x1 + s.b2 * x2 - s.a1 * y1 - s.a2 * y2;
      const z0 = y0 - 2 * y1 + y2 - h.a1 * z1 - h.a2 * z2;
      x2 = x1;
      x1 = x0;
      y2 = y1;
      y1 = y0;
      z2 = z1;
      z1 = z0;
      sum += z0 * z0;
    }
    if (done === step) {
      energies[index] = energies[index]! + sum * weight;
      index++;
      sum = 0;
      done = 0;
    }
  }
  Object.assign(meter, { x1, x2, y1, y2, z1, z2, index, sum, done });
}

const asMetered = (channel: Float32Array | MeteredChannel): MeteredChannel =>
  "signal" in channel ? channel : { signal: channel };

const toLufs = (meanSquare: number) => -0.691 + 10 * Math.log10(meanSquare);

/** Integrated loudness of the K-weighted energies of each 100 ms step: 400 ms blocks, gated. */
function gatedLoudness(steps: Float64Array, sampleRate: number): number {
  const blockSamples = 4 * Math.round(sampleRate / 10);
  const powers: number[] = [];
  for (let i = 0; i + 4 <= steps.length; i++) {
    const p = (steps[i]! + steps[i + 1]! + steps[i + 2]! + steps[i + 3]!) / blockSamples;
    if (p > 0 && toLufs(p) > -70) powers.push(p);
  }
  if (powers.length === 0) return -Infinity;
  const relativeGate = toLufs(powers.reduce((a, b) => a + b, 0) / powers.length) - 10;
  const gated = powers.filter((p) => toLufs(p) > relativeGate);
  return toLufs(gated.reduce((a, b) => a + b, 0) / gated.length);
}

/** Integrated loudness in LUFS; -Infinity for silence (or audio shorter than one block). */
export function integratedLoudness(channels: readonly (Float32Array | MeteredChannel)[], sampleRate: number): number {
  const meter = new LoudnessMeter(sampleRate, channels[0] ? asMetered(channels[0]).signal.length : 0, channels.length);
  meter.add(channels, 0, Infinity);
  return meter.loudness();
}

/**
 * Integrated loudness of channels read a stretch at a time, in order (as they are produced): the
 * same figure as integratedLoudness over the whole.
 */
export class LoudnessMeter {
  private readonly filters: [Biquad, Biquad];
  private readonly step: number;
  private readonly energies: Float64Array;
  private readonly meters: ChannelMeter[];

  constructor(
    private readonly sampleRate: number,
    length: number,
    channels: number,
  ) {
    this.filters = kWeighting(sampleRate);
    this.step = Math.round(sampleRate / 10);
    this.energies = new Float64Array(Math.floor(length / this.step));
    this.meters = Array.from({ length: channels }, channelMeter);
  }

  /** Each channel's samples [from, to), following the previous stretch. */
  add(channels: readonly (Float32Array | MeteredChannel)[], from: number, to: number): void {
    channels.forEach((channel, c) => {
      meterStretch(this.meters[c]!, this.filters, this.step, asMetered(channel), from, to, this.energies);
    });
  }

  loudness(): number {
    return gatedLoudness(this.energies, this.sampleRate);
  }
}

const halfTaps = 6;
/** Interpolation filters for the three in-between positions (1/4, 2/4, 3/4 of a sample): Hann-windowed sinc, 12 taps each. */
const phases = [1, 2, 3].map((phase) => {
  const frac = phase / 4;
  const taps = Array.from({ length: 2 * halfTaps }, (_, i) => {
    const t = i - (halfTaps - 1) - frac;
    const sinc = Math.sin(Math.PI * t) / (Math.PI * t);
    const window = 0.5 + 0.5 * Math.cos((Math.PI * t) / (halfTaps + 0.5));
    return sinc * window;
  });
  const sum = taps.reduce((a, b) => a + b, 0);
  return Float64Array.from(taps, (t) => t / sum);
});

/** The largest of |x[n]| and the three oversampled values between x[n] and x[n+1]. */
function peakAround(x: Float32Array, n: number): number {
  let peak = Math.abs(x[n]!);
  if (n < halfTaps - 1 || n + halfTaps >= x.length) return peak;
  for (const taps of phases) {
    let v = 0;
    for (let i = 0; i < taps.length; i++) v += taps[i]! * x[n - (halfTaps - 1) + i]!;
    peak = Math.max(peak, Math.abs(v));
  }
  return peak;
}

export function samplePeak(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const x of channels) for (let n = 0; n < x.length; n++) peak = Math.max(peak, Math.abs(x[n]!));
  return peak;
}

/**
 * True peak (linear) by 4x oversampling. Between-sample overshoot of real audio stays within a
 * few dB of its neighbours, so only samples within 6 dB of the sample peak are oversampled.
 */
export function truePeak(channels: readonly Float32Array[]): number {
  const threshold = samplePeak(channels) / 2;
  let peak = 0;
  for (const x of channels) {
    for (let n = 0; n < x.length; n++) {
      if (Math.abs(x[n]!) < threshold && Math.abs(x[n + 1] ?? 0) < threshold) continue;
      peak = Math.max(peak, peakAround(x, n));
    }
  }
  return peak;
}

/**
 * Per sample, the true peak of all channels around it (0 where every channel stays under `floor`),
 * worked out a stretch at a time: each sample also takes the overshoot between it and the one before.
 */
export class TruePeakEnvelope {
  constructor(
    private readonly channels: readonly Float32Array[],
    private readonly floor: number,
  ) {}

  /** into[i - from] = the envelope at i, for i in [from, to). */
  fill(into: Float32Array, from: number, to: number): void {
    const { floor } = this;
    into.fill(0, 0, to - from);
    for (const x of this.channels) {
      const peakAt = (n: number) =>
        n < 0 || (Math.abs(x[n]!) < floor && Math.abs(x[n + 1] ?? 0) < floor) ? 0 : peakAround(x, n);
      let before = peakAt(from - 1);
      for (let n = from; n < to; n++) {
        const p = peakAt(n);
        const m = Math.max(p, before);
        if (m > into[n - from]!) into[n - from] = m;
        before = p;
      }
    }
  }
}

export const toDb = (linear: number) => 20 * Math.log10(linear);
export const fromDb = (db: number) => 10 ** (db / 20);

export interface LoudnessReport {
  integratedLufs: number;
  truePeakDbtp: number;
}

export function measureLoudness(channels: readonly Float32Array[], sampleRate: number): LoudnessReport {
  return { integratedLufs: integratedLoudness(channels, sampleRate), truePeakDbtp: toDb(truePeak(channels)) };
}
