import type { Language } from "../../../domain/values";

/** One sung syllable: the arranger decides its pitch and timing, the singer makes it heard. */
export interface SungNote {
  /** The syllable's text as written in the lyrics (or as the pronunciation spells it). */
  syllable: string;
  /** Index of the lyric line the syllable belongs to; a line is synthesized as one phrase. */
  line: number;
  /** MIDI note number (60 = C4). */
  midi: number;
  startSec: number;
  durationSec: number;
}

export interface SingRequest {
  language: Language;
  voice: "female" | "male";
  sampleRate: number;
  /** Total length of the returned buffer, in seconds (the song's length). */
  durationSec: number;
  notes: SungNote[];
}

/** Renders the vocal track: mono PCM at `sampleRate`, exactly `durationSec` long, silent where no note is sung. */
export type Sing = (request: SingRequest, signal?: AbortSignal) => Promise<Float32Array>;
