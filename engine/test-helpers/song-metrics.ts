// What a listener notices in a sung song, measured on the rendered audio with tools independent of
// the engine: ffmpeg's EBU R128 meter for the loudness range, the tests' own YIN for where the voice
// is heard. The only thing taken from the engine is where it says each line and note is sung.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Lyrics } from "../../domain/lyrics";
import type { Language } from "../../domain/values";
import { ebur128 } from "./ffmpeg";
import { coverage, type Stretch, type Voicing, voicedSpan, voicing } from "./voicing";

interface Note {
  syllable: string;
  line: number;
  startSec: number;
  durationSec: number;
}
interface Timing {
  section: number;
  line: number;
  startSec: number;
  endSec: number;
}

/** What the measurement needs from an engine (its current one, or an older one for "before" figures). */
export interface EngineUnderTest {
  /** Renders and hands back the vocal track the singer made, before the mix. */
  render(request: Record<string, unknown>): Promise<{
    wav: Uint8Array;
    vocal: Float32Array;
    sampleRate: number;
    timings: Timing[];
    lyrics: Lyrics | null;
    sectionStarts: { kind: string; startSec: number }[];
  }>;
  /** The sung notes the engine planned for the same request. */
  notes(request: Record<string, unknown>): Note[];
  /** espeak speaking a line at its own rate, as mono PCM. */
  speak(text: string, language: Language): Promise<{ pcm: Float32Array; sampleRate: number }>;
}

export interface SongMetrics {
  linesGiven: number;
  linesTimed: number;
  /** Timings outside the audio, or for lines that are not in the lyrics. */
  badTimings: number;
  lraLu: number;
  /** Share of the time after the intro where a voice is heard. */
  voiceShare: number;
  /** Stretches over 20 s without voice, other than before the first and after the last sung line. */
  longSilences: Stretch[];
  /** Per timed line: its sung voiced length over espeak's spoken voiced length (≥ 1: not faster than spoken). */
  paceRatios: number[];
  /** Per syllable of the name in a chorus: how long it is voiced, in seconds. */
  nameNotesSec: number[];
  choruses: number;
}

const linesOf = (lyrics: Lyrics) => lyrics.sections.reduce((n, s) => n + s.lines.length, 0);

export async function measureSong(
  engine: EngineUnderTest,
  request: Record<string, unknown> & { lyrics: Lyrics; language: Language; durationSeconds: number },
  name: string,
): Promise<SongMetrics> {
  const result = await engine.render(request);
  const dir = await mkdtemp(join(tmpdir(), "refrain-metrics-"));
  let lraLu: number;
  try {
    await writeFile(join(dir, "song.wav"), result.wav);
    lraLu = (await ebur128(join(dir, "song.wav"))).lraLu;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const sung = result.lyrics ?? { title: "", sections: [] };
  const audioSec = result.vocal.length / result.sampleRate;
  const badTimings = result.timings.filter(
    (t) =>
      !(
        t.startSec >= 0 &&
        t.endSec > t.startSec &&
        t.endSec <= audioSec &&
        sung.sections[t.section]?.lines[t.line] !== undefined
      ),
  ).length;

  const v = voicing(result.vocal, result.sampleRate);
  const introEnd = result.sectionStarts[1]?.startSec ?? 0;
  const { share, silences } = coverage(v, introEnd, audioSec);
  const firstSung = Math.min(...result.timings.map((t) => t.startSec));
  const lastSung = Math.max(...result.timings.map((t) => t.endSec));
  const longSilences = silences.filter(
    (s) => s.endSec - s.startSec > 20 && s.startSec > firstSung && s.endSec < lastSung,
  );

  const paceRatios: number[] = [];
  const spokenSpans = new Map<string, number>();
  for (const t of result.timings) {
    const text = sung.sections[t.section]?.lines[t.line];
    if (!text) continue;
    if (!spokenSpans.has(text)) {
      const spoken = await engine.speak(text, request.language);
      const sv = voicing(spoken.pcm, spoken.sampleRate);
      const span = voicedSpan(sv, 0, spoken.pcm.length / spoken.sampleRate);
      spokenSpans.set(text, span ? span.endSec - span.startSec : 0);
    }
    const span = voicedSpan(v, t.startSec - 0.3, t.endSec + 0.1);
    const spokenSec = spokenSpans.get(text)!;
    if (span && spokenSec > 0) paceRatios.push((span.endSec - span.startSec) / spokenSec);
  }

  const nameNotesSec = nameNotes(engine.notes(request), result.timings, sung, name).map((n) =>
    voicedFor(v, n.startSec, n.startSec + n.durationSec),
  );
  const choruses = sung.sections.filter((s) => s.kind === "chorus").length;
  return {
    linesGiven: linesOf(request.lyrics),
    linesTimed: result.timings.length,
    badTimings,
    lraLu,
    voiceShare: share,
    longSilences,
    paceRatios,
    nameNotesSec,
    choruses,
  };
}

/** The notes carrying `name` in chorus lines. */
function nameNotes(notes: Note[], timings: Timing[], lyrics: Lyrics, name: string): Note[] {
  const wanted = name.toLowerCase();
  const found: Note[] = [];
  const byLine = new Map<number, Note[]>();
  for (const n of notes) byLine.set(n.line, [...(byLine.get(n.line) ?? []), n]);
  timings.forEach((t, index) => {
    if (lyrics.sections[t.section]?.kind !== "chorus" || !lyrics.sections[t.section]!.lines[t.line]!.includes(name))
      return;
    const line = byLine.get(index) ?? [];
    // The name's syllables are the notes whose letters, read in order, spell it.
    for (let i = 0; i < line.length; i++) {
      let spelled = "";
      let j = i;
      while (j < line.length && spelled.length < wanted.length)
        spelled += line[j++]!.syllable.replace(/[-\s,.!?]/g, "").toLowerCase();
      if (spelled === wanted) {
        found.push(...line.slice(i, j));
        break;
      }
    }
  });
  return found;
}

/** How long the voice is heard between two moments. */
function voicedFor(v: Voicing, fromSec: number, toSec: number): number {
  let frames = 0;
  for (let k = Math.round(fromSec / v.hopSec); k < Math.round(toSec / v.hopSec); k++) if (v.voiced[k]) frames++;
  return frames * v.hopSec;
}
