// One group of MIDI channels rendered on its own synthesizer. The band is always rendered as two
// such groups whose outputs are added: float addition of two values is commutative, so the sum is
// the same samples whether the groups run on two threads, one after the other, or in any order.
import { type BasicSoundBank, SpessaSynthProcessor } from "spessasynth_core";
import type { ChannelEvent } from "./midi";

/** One channel message at its sample. */
export type SampledEvent = Omit<ChannelEvent, "tick" | "part"> & { at: number };

export interface GroupJob {
  sampleRate: number;
  /** Frames in the song. */
  length: number;
  /** This group's events, in order. */
  events: SampledEvent[];
  /**
   * Every event's sample in the whole song, ascending. Blocks are cut there in every group: the
   * synthesizer updates envelopes and LFOs once per block, so a group cut only at its own events
   * would play its notes differently (by up to 0.043 in one try) from the same notes rendered with
   * the others.
   */
  cuts: Int32Array;
}

/** The four stem channels of a stretch of the band: melodic L/R (even MIDI channels), rhythm L/R (odd). */
export type StemSlice = [Float32Array, Float32Array, Float32Array, Float32Array];

/** Largest block the synthesizer renders at once: envelopes and LFOs move once per block (2.9 ms). */
export const blockFrames = 128;
/** Audio rendered between two hand-overs (progress, abort, the other group's work). */
export const sliceFrames = 65536;

export async function* renderGroup(
  bank: BasicSoundBank,
  job: GroupJob,
): AsyncGenerator<{ start: number; slice: StemSlice }> {
  const { sampleRate, length, events, cuts } = job;
  const synth = new SpessaSynthProcessor(sampleRate, {
    effectsEnabled: false,
    eventsEnabled: false,
    maxBufferSize: blockFrames,
  });
  synth.soundBankManager.addSoundBank(bank, "main");
  await synth.processorInitialized;
  let next = 0;
  let cut = 0;
  for (let start = 0; start < length; start += sliceFrames) {
    const frames = Math.min(sliceFrames, length - start);
    const slice: StemSlice = [
      new Float32Array(frames),
      new Float32Array(frames),
      new Float32Array(frames),
      new Float32Array(frames),
    ];
    // processSplit sends MIDI channel c to output pair c % 2.
    const outputs = [
      [slice[0], slice[1]],
      [slice[2], slice[3]],
    ];
    const end = start + frames;
    for (let cursor = start; cursor < end; ) {
      while (next < events.length && events[next]!.at <= cursor) {
        const e = events[next++]!;
        if (e.type === "noteOn") synth.noteOn(e.channel, e.data1, e.data2);
        else if (e.type === "noteOff") synth.noteOff(e.channel, e.data1);
        else if (e.type === "program") synth.programChange(e.channel, e.data1);
        else synth.controllerChange(e.channel, e.data1 as Parameters<typeof synth.controllerChange>[1], e.data2);
      }
      while (cut < cuts.length && cuts[cut]! <= cursor) cut++;
      const until = cut < cuts.length ? Math.min(cuts[cut]!, end) : end;
      const count = Math.min(blockFrames, until - cursor);
      synth.processSplit(outputs, slice[0], slice[1], cursor - start, count);
      cursor += count;
    }
    yield { start, slice };
  }
}
