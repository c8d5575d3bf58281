import type { Lyrics } from "../../../domain/lyrics";
import type { LineTiming } from "../pipeline/contract";
import type { SungNote } from "../voice/contract";
import type { Key } from "./harmony";
import type { Instrument, StyleId } from "./styles";

export const ppq = 480;

export type PartRole = "drums" | "bass" | "comp" | "comp2" | "pad" | "lead" | "double";

/** A note in MIDI ticks (`ppq` per beat, one tempo for the whole song). */
export interface TimedNote {
  tick: number;
  endTick: number;
  pitch: number;
  velocity: number;
}

export interface ArrangedPart {
  role: PartRole;
  name: string;
  channel: number;
  instrument: Instrument;
  notes: TimedNote[];
}

export interface ArrangedSection {
  /** The lyric section's kind, or intro / interlude / solo / ending for instrumental passages. */
  kind: string;
  /** Index into the sung lyrics' sections, null for an instrumental passage. */
  lyricSection: number | null;
  startBar: number;
  bars: number;
  startSec: number;
  /** Energy level, 0 bare … 3 chorus. */
  level: 0 | 1 | 2 | 3;
}

export interface Arrangement {
  style: StyleId;
  tempo: number;
  beatsPerBar: number;
  key: Key;
  keyName: string;
  durationSec: number;
  totalBars: number;
  sections: ArrangedSection[];
  parts: ArrangedPart[];
  /** The lyrics as sung (every line), null for an instrumental. */
  lyrics: Lyrics | null;
  /** The sung melody, one note per syllable (empty for an instrumental). */
  sung: SungNote[];
  lines: LineTiming[];
}
