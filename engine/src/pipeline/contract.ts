import type { Lyrics, SongContext } from "../../../domain/lyrics";
import type { Language, Vocal } from "../../../domain/values";

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

export const audioFormats = ["mp3", "wav"] as const;
export type AudioFormat = (typeof audioFormats)[number];

/** A rendered song: its audio in each format asked for (both by default), and what it is. */
export type RenderResult<F extends AudioFormat = AudioFormat> = { [K in F]: Uint8Array } & RenderedSong;

export interface RenderedSong {
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

export interface RenderOptions<F extends AudioFormat = AudioFormat> {
  /** The files to encode; each costs time (MP3 the most), so ask only for those kept. Default: both. */
  formats?: readonly F[];
  onProgress?: (stage: RenderStage, fraction: number) => void;
  /** Aborting stops the render between (and, where possible, within) stages with an AbortError. */
  signal?: AbortSignal;
  /**
   * No other song follows in this process (the CLI): the band threads are stopped as soon as the band
   * is rendered, and the built-in singer (its thread and espeak) once the vocal is back, rather than
   * kept warm for the next song.
   */
  lastSong?: boolean;
}

export type RenderSong = <F extends AudioFormat = AudioFormat>(
  request: RenderRequest,
  options?: RenderOptions<F>,
) => Promise<RenderResult<F>>;
