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
  const { sampleRate, roomSize = 0.82, damping = 0.45, preDelayMs = 22 } = options;
  const rate = sampleRate / 2;
  const scale = rate / 44100;
  const feedback = roomSize * 0.28 + 0.7;
  const damp = damping * 0.4;
  const preDelay = Math.round((preDelayMs / 1000) * rate);
  const half = Math.ceil(send.length / 2);

  // Half rate through a [1 3 3 1]/8 low-pass, delayed, high-passed (low notes would turn into rumble).
  const hpCoef = Math.exp((-2 * Math.PI * 180) / rate);
  const input = new Float32Array(half);
  let hpIn = 0;
  let hpOut = 0;
  for (let m = 0; m < half; m++) {
    const at = 2 * (m - preDelay);
    const x =
      at >= 1 ? 0.125 * ((send[at - 1] ?? 0) + 3 * send[at]! + 3 * (send[at + 1] ?? 0) + (send[at + 2] ?? 0)) : 0;
    hpOut = hpCoef * (hpOut + x - hpIn);
    hpIn = x;
    input[m] = hpOut * 0.015;
  }

  const out: [Float32Array, Float32Array] = [new Float32Array(send.length), new Float32Array(send.length)];
  const wet = new Float32Array(half);
  out.forEach((channel, side) => {
    wet.fill(0);
    // Filter by filter over the whole signal: tight loops over typed arrays.
    for (const tuning of combTuning) {
      const buffer = new Float32Array(Math.round((tuning + side * stereoSpread) * scale));
      let index = 0;
      let store = 0;
      for (let m = 0; m < half; m++) {
        const y = buffer[index]!;
        store = y * (1 - damp) + store * damp;
        buffer[index] = input[m]! + store * feedback;
        if (++index === buffer.length) index = 0;
        wet[m] = wet[m]! + y;
      }
    }
    for (const tuning of allpassTuning) {
      const buffer = new Float32Array(Math.round((tuning + side * stereoSpread) * scale));
      let index = 0;
      for (let m = 0; m < half; m++) {
        const x = wet[m]!;
        const b = buffer[index]!;
        buffer[index] = x + b * 0.5;
        if (++index === buffer.length) index = 0;
        wet[m] = b - x;
      }
    }
    // Back to full rate by linear interpolation.
    for (let m = 0; m < half; m++) {
      const a = wet[m]!;
      channel[2 * m] = a;
      if (2 * m + 1 < channel.length) channel[2 * m + 1] = 0.5 * (a + (wet[m + 1] ?? a));
    }
  });
  return out;
}
