// One group of MIDI channels rendered on its own synthesizer. The band is always rendered as two
// such groups whose outputs are added into the song's stems, slice by slice: each stem sample gets
// exactly two additions onto zero, and float addition of two values is commutative, so the sum is
// the same samples whether the groups run on two threads, one after the other, or in any order.
import type { BasicSample, BasicSoundBank, SpessaSynthProcessor } from "spessasynth_core";
import { sharedChannelWithWavRoom } from "../audio/wav";
import { loadCore, loadedCore } from "./core";
import type { ChannelEvent } from "./midi";
import { VoiceRelease } from "./voice-release";

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

/**
 * A stretch of one group's sound as the synthesizer writes it: melodic L/R (even MIDI channels),
 * rhythm L/R (odd).
 */
export type StemSlice = [Float32Array, Float32Array, Float32Array, Float32Array];

/**
 * How much of each kind of channel goes to the mixer's reverb (its mono send, each side at half):
 * chords, pads and leads take the most; bass and drums are kept close and dry.
 */
export const reverbSends = { melodic: 0.3, rhythm: 0.06 } as const;

/** Largest block the synthesizer renders at once: envelopes and LFOs move once per block (2.9 ms). */
export const blockFrames = 128;
/** Audio rendered between two hand-overs (progress, abort, the other group's work). */
export const sliceFrames = 65536;

/**
 * The whole song's band, in memory both band threads write to: its dry sound (left, right) and its
 * reverb send, all the mixer needs of it (three song-long channels, not the four the synthesizer
 * writes); and a lock per slice of them.
 */
export interface SharedStems {
  stems: [left: Float32Array, right: Float32Array, send: Float32Array];
  /** 1 while a thread adds to that slice of the stems. */
  locks: Int32Array;
}

/** The stems leave room for a WAV header: the mix is written over them, and the WAV over the spent mix. */
export function sharedStems(length: number): SharedStems {
  const channel = () => sharedChannelWithWavRoom(length);
  return {
    stems: [channel(), channel(), channel()],
    locks: new Int32Array(new SharedArrayBuffer(Math.ceil(length / sliceFrames) * Int32Array.BYTES_PER_ELEMENT)),
  };
}

/**
 * Adds one group's slice into the stems, the other group's thread waiting if it wants the same slice.
 * The group's own dry sound and send are worked out (and rounded to 32 bits) first, so that each stem
 * sample is still the sum of exactly two values onto zero, one per group, in either order.
 */
export function addSlice({ stems, locks }: SharedStems, start: number, slice: StemSlice): void {
  const lock = start / sliceFrames;
  while (Atomics.compareExchange(locks, lock, 0, 1) !== 0) Atomics.wait(locks, lock, 1);
  try {
    addInto(stems, start, slice);
  } finally {
    Atomics.store(locks, lock, 0);
    Atomics.notify(locks, lock);
  }
}

const melodicSend = 0.5 * reverbSends.melodic;
const rhythmSend = 0.5 * reverbSends.rhythm;

// Its own function so that V8 optimizes the loop once and keeps it: inlined in addSlice, the loop
// was compiled on the stack and deoptimized again at most slices (32 times in a song).
function addInto([left, right, send]: SharedStems["stems"], start: number, slice: StemSlice): void {
  const [mL, mR, rL, rR] = slice;
  for (let n = 0; n < mL.length; n++) {
    const at = start + n;
    left[at]! += Math.fround(mL[n]! + rL[n]!);
    right[at]! += Math.fround(mR[n]! + rR[n]!);
    send[at]! += Math.fround(melodicSend * (mL[n]! + mR[n]!) + rhythmSend * (rL[n]! + rR[n]!));
  }
}

/**
 * Renders a group slice by slice, into one buffer reused for every slice: each must be used before
 * the next is asked for. `beforeNotes` is called once the song's set-up (programs,
 * volumes) is applied and before the first note: the synthesizer then knows every channel's preset.
 */
export async function* renderGroup(
  bank: BasicSoundBank,
  job: GroupJob,
  beforeNotes?: (synth: SpessaSynthProcessor) => Promise<void>,
): AsyncGenerator<{ start: number; slice: StemSlice }> {
  const { sampleRate, length, events, cuts } = job;
  await loadCore();
  const synth = newSynthesizer(sampleRate);
  synth.soundBankManager.addSoundBank(bank, "main");
  await synth.processorInitialized;
  const release = new VoiceRelease(synth);
  const at = { event: 0, cut: 0 };
  // The same calls in the same order as renderSlice would make at sample 0.
  while (at.event < events.length && events[at.event]!.at === 0 && !isNote(events[at.event]!))
    send(synth, events[at.event++]!);
  await beforeNotes?.(synth);
  if (!warmedUp) {
    warmedUp = true;
    warmUp(bank, job);
  }
  const buffer: StemSlice = [
    new Float32Array(sliceFrames),
    new Float32Array(sliceFrames),
    new Float32Array(sliceFrames),
    new Float32Array(sliceFrames),
  ];
  const slice: Slice = {
    synth,
    release,
    events,
    cuts,
    buffer,
    outputs: [
      [buffer[0], buffer[1]],
      [buffer[2], buffer[3]],
    ],
  };
  for (let start = 0; start < length; start += sliceFrames) {
    const frames = Math.min(sliceFrames, length - start);
    renderSlice(slice, at, start, frames);
    yield { start, slice: buffer.map((channel) => channel.subarray(0, frames)) as StemSlice };
  }
}

interface Slice {
  synth: SpessaSynthProcessor;
  release: VoiceRelease;
  events: SampledEvent[];
  cuts: Int32Array;
  buffer: StemSlice;
  /** processSplit sends MIDI channel c to output pair c % 2, adding to what is there. */
  outputs: Float32Array[][];
}

/**
 * Renders one slice into the group's buffer, block by block, playing each event at its sample.
 * `at` is where the group is in its events and block cuts. A plain function rather than the
 * generator's body: V8 optimizes it (and the synthesizer code it inlines) as a whole, where in
 * the generator the per-block loop allocated about 500 bytes per block.
 */
function renderSlice(
  { synth, release, events, cuts, buffer, outputs }: Slice,
  at: { event: number; cut: number },
  start: number,
  frames: number,
): void {
  for (const channel of buffer) channel.fill(0);
  const end = start + frames;
  let { event, cut } = at;
  for (let cursor = start; cursor < end; ) {
    while (event < events.length && events[event]!.at <= cursor) send(synth, events[event++]!);
    while (cut < cuts.length && cuts[cut]! <= cursor) cut++;
    const until = cut < cuts.length ? Math.min(cuts[cut]!, end) : end;
    const count = Math.min(blockFrames, until - cursor);
    release.beforeBlock();
    synth.processSplit(outputs, buffer[0], buffer[1], cursor - start, count);
    release.afterBlock();
    cursor += count;
  }
  at.event = event;
  at.cut = cut;
}

/**
 * Every block visits every voice slot. With released voices limited, a group of a 120 s pop song
 * never has more than 24 sounding: 64 slots, with a slot added rather than a voice stolen should a
 * song need more, give the same voices in the same slots for less work. The synthesizer is built
 * with those settings as its defaults rather than set afterwards: it then allocates 64 voices, not
 * 350 that would stay unused (about 25 ms and 0.7 MB per synthesizer), and a slot it adds is one it
 * renders (added after 350 allocated slots while the cap is 64, a voice would sit beyond the cap,
 * never rendered nor freed).
 */
function newSynthesizer(sampleRate: number): SpessaSynthProcessor {
  const { DEFAULT_GLOBAL_SYSTEM_PARAMETERS, SpessaSynthProcessor } = loadedCore();
  const defaults = { ...DEFAULT_GLOBAL_SYSTEM_PARAMETERS };
  Object.assign(DEFAULT_GLOBAL_SYSTEM_PARAMETERS, { voiceCap: 64, autoAllocateVoices: true });
  try {
    return new SpessaSynthProcessor(sampleRate, {
      effectsEnabled: false,
      eventsEnabled: false,
      maxBufferSize: blockFrames,
    });
  } finally {
    Object.assign(DEFAULT_GLOBAL_SYSTEM_PARAMETERS, defaults);
  }
}

/** Sends one of the song's messages to the synthesizer. */
function send(synth: SpessaSynthProcessor, e: SampledEvent): void {
  if (e.type === "noteOn") synth.noteOn(e.channel, e.data1, e.data2);
  else if (e.type === "noteOff") synth.noteOff(e.channel, e.data1);
  else if (e.type === "program") synth.programChange(e.channel, e.data1);
  else synth.controllerChange(e.channel, e.data1 as Parameters<typeof synth.controllerChange>[1], e.data2);
}

/** Whether this thread has warmed up the voice loop (`warmUp`). */
let warmedUp = false;
/** How long the warm-up holds its notes, then lets them ring after their release. */
const warmUpSeconds = 0.3;

/**
 * Plays each channel's first note of the group through a throwaway synthesizer, 0.3 s held and
 * 0.3 s released, before the thread's first song. V8 optimizes spessasynth_core's voice loop within
 * the song's first blocks, before any voice has reached its decay, sustain or release; each of
 * those branches, first taken later, threw the optimized code away, and the loop was compiled six
 * times in a song, running unoptimized in between. Having seen them, it is compiled three or four
 * times: about 6 % less CPU for the one-thread band of a 120 s song (medians of 7 runs), for 0.6 s
 * of a few voices. The song's samples are the same: its synthesizer shares nothing with this one
 * but the decoded samples and the filter coefficients, both fixed values.
 */
function warmUp(bank: BasicSoundBank, job: GroupJob): void {
  const synth = newSynthesizer(job.sampleRate);
  synth.soundBankManager.addSoundBank(bank, "main");
  const release = new VoiceRelease(synth);
  const notes = new Map<number, SampledEvent>();
  for (const e of job.events) {
    if (e.at === 0 && !isNote(e)) send(synth, e);
    else if (e.type === "noteOn" && !notes.has(e.channel)) notes.set(e.channel, e);
  }
  for (const e of notes.values()) send(synth, e);
  const left = new Float32Array(blockFrames);
  const right = new Float32Array(blockFrames);
  const blocks = Math.round((warmUpSeconds * job.sampleRate) / blockFrames);
  for (let block = 0; block < 2 * blocks; block++) {
    if (block === blocks) for (const e of notes.values()) send(synth, { ...e, type: "noteOff" });
    release.beforeBlock();
    synth.processSplit([[left, right]], left, right, 0, blockFrames);
    release.afterBlock();
  }
}

const isNote = (e: SampledEvent) => e.type === "noteOn" || e.type === "noteOff";

/**
 * The samples the group's notes will play, given the presets its set-up chose: what a band thread
 * needs decoded before it renders.
 */
export function samplesPlayed(synth: SpessaSynthProcessor, events: readonly SampledEvent[]): Set<BasicSample> {
  const samples = new Set<BasicSample>();
  const seen = new Set<number>();
  for (const e of events) {
    if (e.type !== "noteOn") continue;
    const key = (e.channel * 128 + e.data1) * 128 + e.data2;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const { sample } of synth.midiChannels[e.channel]?.preset?.getVoiceParameters(e.data1, e.data2) ?? [])
      samples.add(sample);
  }
  return samples;
}
