import type { Language, Vocal } from "../../../domain/values";

/** Every generator delivers at the engine's rate, so sections join sample-exact. */
export const generatorSampleRate = 44100;

/** One section of an arrangement, to be made by a generator. */
export interface SectionToGenerate {
  /** intro, verse, pre-chorus, chorus, bridge, outro, or interlude / solo / ending for the arranger's own passages. */
  kind: string;
  durationSeconds: number;
  styleTags: string[];
  mood?: string;
  /** Beats per minute. */
  tempo: number;
  /** e.g. "C", "F#m", "Bb". */
  key: string;
  /** The lines sung in this section; null for an instrumental passage or song. */
  lyrics: string[] | null;
  vocal: Vocal;
  language: Language;
  seed: number;
}

export type StereoPcm = [Float32Array, Float32Array];

export interface SectionGenerator {
  /** Shown in logs and errors, e.g. "model-server:ace-step". */
  readonly name: string;
  /** True when the generator sings the lines it is given: the pipeline then leaves the built-in singer out. */
  readonly singsLyrics: boolean;
  /**
   * Stereo PCM at `generatorSampleRate`, exactly `frameCount(section.durationSeconds)` frames long.
   * Rejects with an AbortError once `signal` is aborted.
   */
  generate(section: SectionToGenerate, signal?: AbortSignal): Promise<StereoPcm>;
}

export function frameCount(durationSeconds: number): number {
  return Math.round(durationSeconds * generatorSampleRate);
}
