import type { Arrangement } from "../arranger/types";
import type { RenderRequest } from "../pipeline/contract";
import { reverbSends } from "../synth/band-group";
import type { BandStems } from "../synth/render";
import { frameCount, generatorSampleRate, type SectionGenerator, type SectionToGenerate } from "./contract";

/** Sections asked of a generator at once: enough to keep a GPU pool busy, few enough not to flood its queue. */
const concurrency = 4;

export interface GeneratedBandOptions {
  signal?: AbortSignal;
  /** Fraction of the sections made so far. */
  onProgress?: (fraction: number) => void;
}

/** What a generator is asked for each section of the arrangement, boundaries where the arranger put them (on bars). */
export function sectionsToGenerate(request: RenderRequest, arrangement: Arrangement): SectionToGenerate[] {
  const total = frameCount(arrangement.durationSec);
  return arrangement.sections.map((section, i) => {
    // Frame-exact boundaries, so that the sections add up to the song's length to the sample.
    const start = frameCount(section.startSec);
    const end = i + 1 < arrangement.sections.length ? frameCount(arrangement.sections[i + 1]!.startSec) : total;
    const lines =
      section.lyricSection === null ? null : (arrangement.lyrics?.sections[section.lyricSection]?.lines ?? null);
    return {
      kind: section.kind,
      durationSeconds: (end - start) / generatorSampleRate,
      styleTags: request.styleTags,
      mood: request.mood,
      tempo: arrangement.tempo,
      key: arrangement.keyName,
      lyrics: request.vocal === "instrumental" ? null : lines,
      vocal: request.vocal,
      language: request.language,
      // One seed for the whole song keeps the model's sound (and ACE-Step's voice) alike from section to section.
      seed: request.seed,
    };
  });
}

/**
 * The band made section by section by a generator, laid end to end. A generated band is already
 * produced: it sends to the shared reverb as little as the built-in band's bass and drums do.
 */
export async function generateBand(
  generator: SectionGenerator,
  request: RenderRequest,
  arrangement: Arrangement,
  options: GeneratedBandOptions = {},
): Promise<BandStems> {
  const sections = sectionsToGenerate(request, arrangement);
  const length = frameCount(arrangement.durationSec);
  const rhythm: [Float32Array, Float32Array] = [new Float32Array(length), new Float32Array(length)];
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let next = 0;
  let done = 0;
  const offsets = arrangement.sections.map((s) => frameCount(s.startSec));
  const worker = async () => {
    while (next < sections.length) {
      const index = next++;
      const section = sections[index]!;
      const pcm = await generator.generate(section, signal);
      const frames = frameCount(section.durationSeconds);
      if (pcm[0].length !== frames || pcm[1].length !== frames)
        throw new Error(`${generator.name} made ${pcm[0].length} frames for the ${section.kind} instead of ${frames}`);
      rhythm[0].set(pcm[0], offsets[index]);
      rhythm[1].set(pcm[1], offsets[index]);
      options.onProgress?.(++done / sections.length);
    }
  };
  options.onProgress?.(0);
  await Promise.all(Array.from({ length: Math.min(concurrency, sections.length) }, worker)).catch((error: unknown) => {
    stop.abort();
    throw error;
  });
  const [left, right] = rhythm;
  const send = new Float32Array(length);
  const toRoom = 0.5 * reverbSends.rhythm;
  for (let n = 0; n < length; n++) send[n] = toRoom * (left[n]! + right[n]!);
  return { dry: rhythm, send };
}
