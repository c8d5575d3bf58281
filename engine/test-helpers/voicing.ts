// Where a voice is heard, found by the tests' own YIN (test-helpers/pitch.ts), not by anything the
// engine computed: a frame is voice when it is periodic and not near silence.
import { trackPitch } from "./pitch";

export interface Voicing {
  hopSec: number;
  /** One flag per frame: a voice is heard there. */
  voiced: boolean[];
}

const HOP_SEC = 0.02;
// A quarter of the song's rate is plenty for a singer's fundamental and makes YIN 16 times cheaper.
const DECIMATION = 4;

/** Voiced frames of a mono signal: YIN's periodicity, and at least -45 dB under the loudest frame. */
export function voicing(x: Float32Array, sampleRate: number): Voicing {
  const rate = sampleRate / DECIMATION;
  const low = new Float32Array(Math.floor(x.length / DECIMATION));
  for (let i = 0; i < low.length; i++) {
    let sum = 0;
    for (let k = 0; k < DECIMATION; k++) sum += x[i * DECIMATION + k]!;
    low[i] = sum / DECIMATION;
  }
  const frames = trackPitch(low, rate, { minHz: 70, maxHz: 900, hopSec: HOP_SEC, threshold: 0.2 });
  const loudest = Math.max(...frames.map((f) => f.rms));
  const floor = loudest * 10 ** (-45 / 20);
  // trackPitch's frames are centred half a window in; pad the start so frame k sits at k * hop.
  const offset = Math.max(0, Math.round((frames[0]?.timeSec ?? 0) / HOP_SEC));
  const voiced = [...new Array<boolean>(offset).fill(false), ...frames.map((f) => f.hz > 0 && f.rms > floor)];
  return { hopSec: HOP_SEC, voiced };
}

/** The voice as a listener follows it: voiced frames joined across gaps shorter than `bridgeSec`
 * (consonants, a breath between notes). */
export function presence({ hopSec, voiced }: Voicing, bridgeSec = 0.35): boolean[] {
  const out = voiced.slice();
  const bridge = Math.round(bridgeSec / hopSec);
  let last = -1;
  for (let k = 0; k < voiced.length; k++) {
    if (!voiced[k]) continue;
    if (last >= 0 && k - last - 1 < bridge) out.fill(true, last + 1, k);
    last = k;
  }
  return out;
}

export interface Stretch {
  startSec: number;
  endSec: number;
}

/** Where no voice is heard between `fromSec` and `toSec`, and the share of that time it is heard. */
export function coverage(v: Voicing, fromSec: number, toSec: number): { share: number; silences: Stretch[] } {
  const heard = presence(v);
  const from = Math.max(0, Math.round(fromSec / v.hopSec));
  const to = Math.min(heard.length, Math.round(toSec / v.hopSec));
  let count = 0;
  const silences: Stretch[] = [];
  let start = -1;
  for (let k = from; k < to; k++) {
    if (heard[k]) {
      count++;
      if (start >= 0) silences.push({ startSec: start * v.hopSec, endSec: k * v.hopSec });
      start = -1;
    } else if (start < 0) start = k;
  }
  if (start >= 0) silences.push({ startSec: start * v.hopSec, endSec: to * v.hopSec });
  return { share: count / Math.max(1, to - from), silences };
}

/** The first and last voiced moments between `fromSec` and `toSec` (null when none is voiced). */
export function voicedSpan(v: Voicing, fromSec: number, toSec: number): Stretch | null {
  let first = -1;
  let last = -1;
  for (
    let k = Math.max(0, Math.round(fromSec / v.hopSec));
    k < Math.min(v.voiced.length, Math.round(toSec / v.hopSec));
    k++
  ) {
    if (!v.voiced[k]) continue;
    if (first < 0) first = k;
    last = k;
  }
  return first < 0 ? null : { startSec: first * v.hopSec, endSec: (last + 1) * v.hopSec };
}
