// Band-limited resampling (Smith's windowed-sinc interpolation): each output sample is a Kaiser-windowed
// sinc sum of the input around its position, read from a finely sampled kernel table, so any pair of
// rates works. The cutoff sits just below the lower of the two Nyquist frequencies.

const ZERO_CROSSINGS = 16;
const TABLE_STEPS = 512;
const KAISER_BETA = 8.5;
const CUTOFF = 0.94;
const MAX_CACHED_PHASES = 4096;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50 && term > 1e-12 * sum; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

const kernel = (() => {
  const table = new Float64Array(ZERO_CROSSINGS * TABLE_STEPS + 2);
  const norm = besselI0(KAISER_BETA);
  for (let i = 0; i < table.length; i++) {
    const x = i / TABLE_STEPS;
    const ratio = x / ZERO_CROSSINGS;
    if (ratio >= 1) continue;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    table[i] = (sinc * besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio))) / norm;
  }
  return table;
})();

export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const scale = Math.min(1, toRate / fromRate) * CUTOFF;
  const reach = Math.ceil(ZERO_CROSSINGS / scale);
  const taps = 2 * reach;
  // Output positions fall on toRate / gcd distinct fractions of an input sample; for the usual rates
  // (22050 → 44100 has two, → 48000 has 320) each fraction's taps are computed once.
  const unit = gcd(fromRate, toRate);
  const cache: (Float64Array | undefined)[] | undefined = toRate / unit <= MAX_CACHED_PHASES ? [] : undefined;
  const weightsFor = (fraction: number) => {
    const weights = new Float64Array(taps);
    let total = 0;
    for (let j = 0; j < taps; j++) {
      const distance = Math.abs(j - reach + 1 - fraction) * scale * TABLE_STEPS;
      const index = Math.floor(distance);
      if (index >= ZERO_CROSSINGS * TABLE_STEPS) continue;
      weights[j] = kernel[index]! + (kernel[index + 1]! - kernel[index]!) * (distance - index);
      total += weights[j]!;
    }
    // Unity gain at DC whatever the fraction.
    for (let j = 0; j < taps; j++) weights[j]! /= total;
    return weights;
  };
  const output = new Float32Array(Math.floor((input.length * toRate) / fromRate));
  for (let n = 0; n < output.length; n++) {
    // Integer arithmetic keeps positions exact over long buffers.
    const scaled = n * fromRate;
    const i = Math.floor(scaled / toRate);
    const phase = scaled - i * toRate;
    let weights = cache?.[phase / unit];
    if (!weights) {
      weights = weightsFor(phase / toRate);
      if (cache) cache[phase / unit] = weights;
    }
    const first = i - reach + 1;
    let sum = 0;
    for (let j = Math.max(0, -first); j < taps && first + j < input.length; j++) sum += weights[j]! * input[first + j]!;
    output[n] = sum;
  }
  return output;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
