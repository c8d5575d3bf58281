import { SpessaSynthProcessor } from "spessasynth_core";
import { ppq, type Arrangement } from "../arranger/types";
import { channelEvents, microsecondsPerBeat } from "./midi";
import { loadSoundBank } from "./soundbank";

/** The band, rendered dry in two stereo groups the mixer treats differently. */
export interface BandStems {
  /** Chords, pads and leads (even MIDI channels): these take the most reverb. */
  melodic: [Float32Array, Float32Array];
  /** Bass and drums (odd channels): kept close and dry. */
  rhythm: [Float32Array, Float32Array];
}

export interface BandRenderOptions {
  sampleRate: number;
  signal?: AbortSignal;
  /** Fraction of the band rendered so far. */
  onProgress?: (fraction: number) => void;
}

const block = 128;
/** How much audio is rendered between two returns to the event loop (progress, abort, other work). */
const sliceSeconds = 2;

export function abortError(): DOMException {
  return new DOMException("The render was aborted", "AbortError");
}

/**
 * Plays the arrangement's MIDI events into the synthesizer at their exact sample (not on the
 * sequencer's 128-sample grid), with the synthesizer's own reverb and chorus off: the mixer adds
 * a cheaper reverb of its own. Same arrangement, same samples, every time.
 */
export async function renderBand(arrangement: Arrangement, options: BandRenderOptions): Promise<BandStems> {
  const { sampleRate, signal, onProgress } = options;
  const bank = await loadSoundBank();
  const synth = new SpessaSynthProcessor(sampleRate, { effectsEnabled: false, eventsEnabled: false, maxBufferSize: block });
  synth.soundBankManager.addSoundBank(bank, "main");
  await synth.processorInitialized;

  const length = Math.round(arrangement.durationSec * sampleRate);
  const samplesPerTick = (microsecondsPerBeat(arrangement.tempo) / 1e6 / ppq) * sampleRate;
  const events = channelEvents(arrangement);
  const at = events.map((e) => Math.round(e.tick * samplesPerTick));
  const melodic: [Float32Array, Float32Array] = [new Float32Array(length), new Float32Array(length)];
  const rhythm: [Float32Array, Float32Array] = [new Float32Array(length), new Float32Array(length)];
  // processSplit sends MIDI channel c to output pair c % 2.
  const outputs = [melodic, rhythm];

  let next = 0;
  let cursor = 0;
  let sliceEnd = 0;
  while (cursor < length) {
    if (cursor >= sliceEnd) {
      if (signal?.aborted) throw abortError();
      onProgress?.(cursor / length);
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceEnd = cursor + sliceSeconds * sampleRate;
    }
    while (next < events.length && at[next]! <= cursor) {
      const e = events[next++]!;
      if (e.type === "noteOn") synth.noteOn(e.channel, e.data1, e.data2);
      else if (e.type === "noteOff") synth.noteOff(e.channel, e.data1);
      else if (e.type === "program") synth.programChange(e.channel, e.data1);
      else synth.controllerChange(e.channel, e.data1 as Parameters<typeof synth.controllerChange>[1], e.data2);
    }
    const until = next < events.length ? Math.min(at[next]!, length) : length;
    const count = Math.min(block, until - cursor);
    synth.processSplit(outputs, melodic[0], melodic[1], cursor, count);
    cursor += count;
  }
  onProgress?.(1);
  return { melodic, rhythm };
}
