import type { Language, Vocal } from "../../../domain/values";
import type { Lyrics, SongContext } from "../../../domain/lyrics";

/** What the engine is asked to make (the gateway's POST /v1/tracks body, parsed). */
export interface RenderRequest {
  /** Lyrics by section; null makes the engine write them from `context` with the built-in writer, or play an instrumental. */
  lyrics: Lyrics | null;
  context?: SongContext;
  styleTags: string[];
  mood?: string;
  /** Beats per minute; the style's own tempo when absent. */
  tempo?: number;
  /** e.g. "C", "F#m", "Bb"; chosen from the seed when absent. */
  key?: string;
  durationSeconds: number;
  vocal: Vocal;
  language: Language;
  seed: number;
  /** How to sing some written words, e.g. { "Maëlys": "ma-é-liss" }: the lyrics keep the spelling. */
  pronunciations?: Record<string, string>;
}

export const renderStages = ["lyrics", "arrangement", "band", "vocals", "mix", "master", "encode"] as const;
export type RenderStage = (typeof renderStages)[number];

/** Where each lyric line is sung, so players can highlight it in time. */
export interface LineTiming {
  section: number;
  line: number;
  startSec: number;
  endSec: number;
}

export interface RenderResult {
  wav: Uint8Array;
  mp3: Uint8Array;
  sampleRate: number;
  durationSeconds: number;
  /** Integrated loudness (ITU-R BS.1770-4) and true peak of the mastered audio. */
  loudnessLufs: number;
  truePeakDbtp: number;
  lyrics: Lyrics | null;
  timings: LineTiming[];
  style: string;
  tempo: number;
  key: string;
  /** Where each section starts, in seconds (joins fall on bar boundaries). */
  sectionStarts: { kind: string; startSec: number }[];
}

export interface RenderOptions {
  onProgress?: (stage: RenderStage, fraction: number) => void;
  /** Aborting stops the render between (and, where possible, within) stages with an AbortError. */
  signal?: AbortSignal;
}

export type RenderSong = (request: RenderRequest, options?: RenderOptions) => Promise<RenderResult>;
