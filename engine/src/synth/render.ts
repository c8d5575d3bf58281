import { type Arrangement, ppq, type TimedNote } from "../arranger/types";
import { NoEngineFolderError } from "../runtime/built-entry";
import { addSlice, type GroupJob, renderGroup, type SampledEvent, sharedStems } from "./band-group";
import { renderGroupsOnThreads, warmBandThreads } from "./band-threads";
import { channelEvents, microsecondsPerBeat } from "./midi";
import { loadSoundBank } from "./soundbank";

/**
 * The band as the mixer takes it: its dry sound, and its mono send to the mixer's reverb, in which
 * chords, pads and leads (even MIDI channels) weigh more than bass and drums (odd ones; see
 * `reverbSends`). The built-in band's arrays are views of shared memory (the band threads wrote
 * them): they can be read and posted, not transferred.
 */
export interface BandStems {
  dry: [Float32Array, Float32Array];
  send: Float32Array;
}

export interface BandRenderOptions {
  sampleRate: number;
  signal?: AbortSignal;
  /** Fraction of the band rendered so far. */
  onProgress?: (fraction: number) => void;
  /**
   * Render the two channel groups on the process's band threads (the default) or one after the
   * other on this thread. Both give the same samples.
   */
  threads?: boolean;
}

/** Gets the band threads ready (started, bank loaded) ahead of a renderBand. */
export function prepareBand(): void {
  warmBandThreads(2);
}

export function abortError(): DOMException {
  return new DOMException("The render was aborted", "AbortError");
}

/**
 * Plays the arrangement's MIDI events into the synthesizer at their exact sample (not on the
 * sequencer's 128-sample grid), with the synthesizer's own reverb and chorus off: the mixer adds
 * a cheaper reverb of its own. The channels are split into two groups of about equal cost, each
 * on its own synthesizer (and, by default, its own thread), and the groups' outputs are added.
 * Same arrangement, same samples, every time.
 */
export async function renderBand(arrangement: Arrangement, options: BandRenderOptions): Promise<BandStems> {
  const { sampleRate, signal, onProgress } = options;
  if (signal?.aborted) throw abortError();
  const jobs = bandJobs(arrangement, sampleRate);
  const length = jobs[0]!.length;
  const into = sharedStems(length);
  let rendered = 0;
  const progress = (frames: number) => {
    rendered += frames;
    onProgress?.(rendered / (jobs.length * length));
  };
  onProgress?.(0);
  const threads =
    (options.threads ?? true) &&
    (await renderGroupsOnThreads(jobs, into, progress, signal).then(
      () => true,
      // Bundled away from the engine's folder (a copy of the CLI), there is no thread to start.
      (error: unknown) => {
        if (error instanceof NoEngineFolderError) return false;
        throw error;
      },
    ));
  if (!threads) {
    const bank = await loadSoundBank();
    for (const job of jobs) {
      for await (const { start, slice } of renderGroup(bank, job)) {
        if (signal?.aborted) throw abortError();
        addSlice(into, start, slice);
        progress(slice[0].length);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
  if (signal?.aborted) throw abortError();
  const [left, right, send] = into.stems;
  return { dry: [left, right], send };
}

/** The song's events split into two channel groups of about equal rendering cost. */
export function bandJobs(arrangement: Arrangement, sampleRate: number): [GroupJob, GroupJob] {
  const length = Math.round(arrangement.durationSec * sampleRate);
  const samplesPerTick = (microsecondsPerBeat(arrangement.tempo) / 1e6 / ppq) * sampleRate;
  const events: SampledEvent[] = channelEvents(arrangement).map(({ tick, part: _part, ...e }) => ({
    ...e,
    at: Math.round(tick * samplesPerTick),
  }));
  const cuts = Int32Array.from(new Set(events.map((e) => e.at)));
  const cost = new Map<number, number>();
  for (const part of arrangement.parts)
    cost.set(part.channel, (cost.get(part.channel) ?? 0) + partCost(part.notes, samplesPerTick / sampleRate));
  // Largest first, each to the lighter group; ties by channel number, so the split depends on the song only.
  const loads = [0, 0];
  const groupOf = new Map<number, number>();
  for (const [channel, c] of [...cost].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    const g = loads[0]! <= loads[1]! ? 0 : 1;
    groupOf.set(channel, g);
    loads[g]! += c;
  }
  const job = (g: number): GroupJob => ({
    sampleRate,
    length,
    cuts,
    events: events.filter((e) => groupOf.get(e.channel) === g),
  });
  return [job(0), job(1)];
}

/**
 * A part's rendering cost, in voice-seconds: each note sounds for its length plus its release
 * (about half a second for this bank's instruments). Measured per channel on 120 s pop, chanson,
 * rock and ballad songs (one synthesizer per channel), this orders the channels' costs well enough
 * to balance two groups; the split never changes the samples, only how evenly the threads work.
 */
function partCost(notes: readonly TimedNote[], secondsPerTick: number): number {
  return notes.reduce((total, note) => total + (note.endTick - note.tick) * secondsPerTick + releaseSec, 0);
}
const releaseSec = 0.5;
