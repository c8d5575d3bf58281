import type { Lyrics } from "../../../domain/lyrics";
import type { Language, Vocal } from "../../../domain/values";
import type { LineTiming, RenderRequest } from "../pipeline/contract";
import type { SungNote } from "../voice/contract";
import { type HarmonicRole, planForm } from "./form";
import { type ChordSpan, type Key, keyName, parseKey, parseProgression } from "./harmony";
import { type MelodyNote, sectionMelody } from "./melody";
import { type BeatNote, bassPart, chordPart, drumPart, type PartContext, padPart, type SectionTimeline } from "./parts";
import { deriveRng, type Rng } from "./prng";
import {
  type Instrument,
  type MoodFamily,
  moodOf,
  progressionsFor,
  resolveStyle,
  type StyleDef,
  styles,
} from "./styles";
import { syllabifyLine, syllabifyLineForSinging } from "./syllables";
import { type ArrangedPart, type Arrangement, type PartRole, ppq, type TimedNote } from "./types";

/** Comfortable singing ranges: a female voice A3–E5, a male voice an octave lower. */
export const vocalRanges: Record<Exclude<Vocal, "instrumental">, [number, number]> = {
  female: [57, 76],
  male: [45, 64],
};

/** Where each kind of passage sits in the singer's range (choruses higher than verses). */
const heights: Record<HarmonicRole, number> = { verse: 0.3, prechorus: 0.45, chorus: 0.62, bridge: 0.5 };
const tempoLean: Record<MoodFamily, number> = { energetic: 0.85, bright: 0.6, romantic: 0.4, sad: 0.3, calm: 0.2 };
const majorTonics = [0, 2, 3, 5, 7, 9, 10];
const minorTonics = [9, 4, 2, 7, 0, 11];

/** MIDI channels: melodic parts on even channels, bass and drums on odd ones, so the mixer can treat the two groups apart. */
const channels: Record<PartRole, number> = { comp: 0, bass: 1, pad: 2, lead: 4, comp2: 6, double: 8, drums: 9 };

/** The mood family and key: an explicit key wins over the mood's mode. */
function harmonyOf(request: RenderRequest, style: StyleDef): { mood: MoodFamily; key: Key } {
  const asked = request.key ? parseKey(request.key) : null;
  let mood = moodOf(request.mood) ?? style.defaultMood;
  mood = style.moodOverride?.[mood] ?? mood;
  if (asked?.mode === "minor") mood = "sad";
  else if (asked?.mode === "major" && mood === "sad") mood = style.moodOverride?.romantic ?? "romantic";
  const mode = mood === "sad" ? "minor" : "major";
  return {
    mood,
    key: asked ?? { tonic: deriveRng(request.seed, "key").pick(mode === "major" ? majorTonics : minorTonics), mode },
  };
}

function swingOf(style: StyleDef): (beat: number) => number {
  const swing = style.swing;
  if (!swing) return (beat) => beat;
  const { unit, ratio } = swing;
  return (beat) => {
    const cell = Math.floor(beat / (2 * unit) + 1e-9);
    const pos = beat - cell * 2 * unit;
    const bent = pos <= unit ? pos * 2 * ratio : 2 * unit * ratio + (pos - unit) * 2 * (1 - ratio);
    return cell * 2 * unit + bent;
  };
}

/** Turns a lyric and style request into a complete arrangement: parts in ticks, the sung melody in seconds. */
export function arrange(request: RenderRequest, lyrics: Lyrics | null): Arrangement {
  const styleId = resolveStyle(request.styleTags);
  const style = styles[styleId];
  const bpb = style.beatsPerBar;
  const { mood, key } = harmonyOf(request, style);
  const seed = request.seed;

  const lean = Math.min(1, Math.max(0, tempoLean[mood] + (deriveRng(seed, "tempo").next() - 0.5) * 0.3));
  const preferred = request.tempo ?? style.tempo[0] + lean * (style.tempo[1] - style.tempo[0]);
  // Every section with words is sung, in order; `sectionOf` maps the planned ones back to the lyrics'.
  const sectionOf = (lyrics?.sections ?? []).flatMap((s, i) => (s.lines.length > 0 ? [i] : []));
  const syllables = sectionOf.map((i) =>
    lyrics!.sections[i]!.lines.map((line) => syllabifyLine(line, request.language, request.pronunciations)),
  );
  const names = nameWords(request, lyrics);
  const shapes = sectionOf.map((index, i) => {
    const section = lyrics!.sections[index]!;
    // The name is held in every chorus, so that it can be caught.
    const long =
      section.kind === "chorus"
        ? section.lines.map((line) => heldSyllables(line, request.language, request.pronunciations, names))
        : undefined;
    return { kind: section.kind, lines: syllables[i]!.map((l) => l.length), ...(long ? { long } : {}) };
  });
  const plan = planForm(
    style,
    shapes.length > 0 ? shapes : null,
    request.durationSeconds,
    preferred,
    request.tempo !== undefined,
    deriveRng(seed, "form"),
    minSyllableSec[request.language],
  );
  // The tempo is what a MIDI file can store (whole microseconds per beat), so the file and the render agree.
  const tempo = 60_000_000 / Math.round(60_000_000 / plan.tempo);
  const secPerBeat = 60 / tempo;
  const swung = swingOf(style);
  const seconds = (beat: number) => swung(beat) * secPerBeat;

  const progressions = chooseProgressions(style, mood, deriveRng(seed, "harmony"));
  const tonicSymbol = key.mode === "major" ? (style.id === "jazz" ? "Imaj7" : "I") : style.id === "jazz" ? "i7" : "i";
  const dominant = style.id === "jazz" || style.id === "chanson" ? "V7" : "V";
  const timeline: SectionTimeline[] = plan.sections.map((s, i) => {
    const startBeat = s.startBar * bpb;
    const beats = s.bars * bpb;
    let chords: ChordSpan[];
    if (s.kind === "ending") chords = endingChords(style, key, progressions.cadence, tonicSymbol, s.bars, startBeat);
    else {
      chords = cycleChords(parseProgression(progressions[s.role], key, bpb, style.barsPerSymbol), startBeat, beats);
      // A pre-chorus or a bridge lands on the dominant, which pulls into what follows.
      if ((s.role === "prechorus" || s.role === "bridge") && s.bars >= 2)
        chords = withLastBar(chords, parseProgression(dominant, key, bpb)[0]!.chord, startBeat + beats - bpb, bpb);
    }
    return { plan: s, startBeat, beats, chords, next: plan.sections[i + 1] ?? null };
  });

  const endBeat = (request.durationSeconds - 0.25) / secPerBeat;
  const ctx: PartContext = { style, sections: timeline, tempo, endBeat };
  const singing = request.vocal !== "instrumental";
  const range = vocalRanges[request.vocal === "male" ? "male" : "female"];

  const sung: SungNote[] = [];
  const sungWords = new Map<string, string[]>();
  const sungText = (section: number, line: number) => {
    const key = `${section}:${line}`;
    if (!sungWords.has(key))
      sungWords.set(
        key,
        syllabifyLineForSinging(
          lyrics?.sections[sectionOf[section]!]?.lines[line] ?? "",
          request.language,
          request.pronunciations,
        ),
      );
    return sungWords.get(key)!;
  };
  const lines: LineTiming[] = [];
  const leadNotes: BeatNote[] = [];
  const doubleNotes: BeatNote[] = [];
  let globalLine = 0;
  for (const section of timeline) {
    const s = section.plan;
    if (s.lineSyllables.length === 0) continue;
    const relative = section.chords.map((c) => ({ ...c, startBeat: c.startBeat - section.startBeat }));
    const melody = sectionMelody(
      s.lineSyllables,
      s.lineBars * bpb,
      s.unit,
      { key, chords: relative, beatsPerBar: bpb, rap: style.rap, range, height: heights[s.role] },
      (line) => deriveRng(seed, "melody", s.role, line, s.lineSyllables[line]!),
      s.long,
      s.longBeats,
    ).filter((n) => n.beat < section.beats - 0.25);
    for (const n of melody) n.beats = Math.min(n.beats, section.beats - 0.25 - n.beat);
    const lyricIndex = s.lyricSection;
    if (lyricIndex !== null) {
      // Each line is timed for players to highlight it, whether the singer or the lead plays it.
      for (const [line, notes] of byLine(melody)) {
        const last = notes[notes.length - 1]!;
        lines.push({
          section: sectionOf[lyricIndex]!,
          line,
          startSec: seconds(section.startBeat + notes[0]!.beat),
          endSec: seconds(section.startBeat + last.beat + last.beats),
        });
        if (!singing) continue;
        for (const n of notes) {
          const start = seconds(section.startBeat + n.beat);
          sung.push({
            syllable: sungText(lyricIndex, line)[n.syllable] ?? syllables[lyricIndex]![line]![n.syllable]!,
            line: globalLine,
            midi: n.pitch,
            startSec: start,
            durationSec: seconds(section.startBeat + n.beat + n.beats) - start,
          });
        }
        globalLine++;
      }
    }
    if (lyricIndex !== null && singing) {
      if (style.levels[s.level].double) doubleNotes.push(...absolute(melody, section.startBeat, 76));
    } else if (s.lead || lyricIndex !== null) {
      leadNotes.push(...absolute(melody, section.startBeat, lyricIndex !== null ? 90 : 84));
    }
  }

  const rng = (label: string) => deriveRng(seed, "part", label);
  const endTick = Math.round(swung(endBeat) * ppq);
  const built: [PartRole, Instrument | undefined, BeatNote[], number][] = [
    ["drums", style.instruments.drums, drumPart(ctx, rng("drums")), 3],
    ["bass", style.instruments.bass, bassPart(ctx, rng("bass")), 3],
    ["comp", style.instruments.comp, chordPart(ctx, "comp", rng("comp")), 5],
    ["comp2", style.instruments.comp2, style.instruments.comp2 ? chordPart(ctx, "comp2", rng("comp2")) : [], 5],
    ["pad", style.instruments.pad, style.instruments.pad ? padPart(ctx) : [], 0],
    ["lead", style.instruments.lead, intoRange(leadNotes, style.instruments.lead.range), 4],
    ["double", style.instruments.double, intoRange(doubleNotes, style.instruments.double?.range), 2],
  ];
  const parts: ArrangedPart[] = built.flatMap(([role, instrument, notes, jitter]) => {
    if (!instrument || notes.length === 0) return [];
    return [
      {
        role,
        name: role,
        channel: channels[role],
        instrument,
        notes: toTicks(notes, swung, jitter, endTick, rng(`${role}-humanize`)),
      },
    ];
  });

  return {
    style: styleId,
    tempo,
    beatsPerBar: bpb,
    key,
    keyName: keyName(key),
    durationSec: request.durationSeconds,
    totalBars: plan.totalBars,
    sections: timeline.map((t) => ({
      kind: t.plan.kind,
      lyricSection: t.plan.lyricSection,
      startBar: t.plan.startBar,
      bars: t.plan.bars,
      startSec: seconds(t.startBeat),
      level: t.plan.level,
    })),
    parts,
    lyrics: lyrics && sectionOf.length > 0 ? lyrics : null,
    sung,
    lines,
  };
}

/**
 * The shortest sung syllable, per language: espeak, the singer's own voice, says a line at about 6
 * to 7 syllables a second in French and 4.5 to 6.5 in English; singing no faster keeps every word
 * as easy to follow as speech.
 */
const minSyllableSec: Record<Language, number> = { fr: 0.19, en: 0.22 };

const ownWords = new Set(["i", "i'm", "i'll", "i've", "i'd", "o", "oh"]);

/** Words that name the song's person: the recipient's, those given a pronunciation, and capitalized
 * words inside a line (in the lyrics' languages, only names are). */
function nameWords(request: RenderRequest, lyrics: Lyrics | null): Set<string> {
  const names = new Set<string>();
  const add = (word: string) => {
    const bare = normalWord(word);
    if (bare && !ownWords.has(bare)) names.add(bare);
  };
  request.context?.recipientName.split(/\s+/).forEach(add);
  Object.keys(request.pronunciations ?? {}).forEach(add);
  for (const section of lyrics?.sections ?? []) {
    for (const line of section.lines) {
      line
        .split(/\s+/)
        .slice(1)
        .filter((w) => /^\p{Lu}\p{Ll}/u.test(w.replace(/^[^\p{L}]+/u, "")))
        .forEach(add);
    }
  }
  return names;
}

const normalWord = (word: string) =>
  word
    .normalize("NFC")
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "")
    .toLowerCase();

/** The syllables of a line that belong to a name. */
function heldSyllables(
  line: string,
  language: Language,
  pronunciations: Record<string, string> | undefined,
  names: Set<string>,
): number[] {
  const held: number[] = [];
  let at = 0;
  for (const word of line.split(/\s+/).filter(Boolean)) {
    const count = syllabifyLine(word, language, pronunciations).length;
    if (names.has(normalWord(word))) for (let k = 0; k < count; k++) held.push(at + k);
    at += count;
  }
  return held;
}

type Progressions = Record<HarmonicRole, string> & { cadence: string[] };

/** Verse, chorus, pre-chorus and bridge each get their own progression. */
function chooseProgressions(style: StyleDef, mood: MoodFamily, rng: Rng): Progressions {
  const set = progressionsFor(style, mood);
  const other = (options: string[], taken: string[]) =>
    rng.pick(
      options.filter((p) => !taken.includes(p)).length > 0 ? options.filter((p) => !taken.includes(p)) : options,
    );
  const verse = rng.pick(set.verse);
  const chorus = other(set.chorus, [verse]);
  return {
    verse,
    chorus,
    prechorus: other(set.prechorus, [verse, chorus]),
    bridge: other(set.bridge, [verse, chorus]),
    cadence: set.cadence,
  };
}

function cycleChords(cycle: ChordSpan[], startBeat: number, beats: number): ChordSpan[] {
  const last = cycle[cycle.length - 1]!;
  const cycleBeats = last.startBeat + last.beats;
  const spans: ChordSpan[] = [];
  for (let at = 0; at < beats - 1e-9; at += cycleBeats) {
    for (const span of cycle) {
      const from = at + span.startBeat;
      if (from >= beats - 1e-9) break;
      spans.push({ startBeat: startBeat + from, beats: Math.min(span.beats, beats - from), chord: span.chord });
    }
  }
  return spans;
}

function withLastBar(spans: ChordSpan[], chord: ChordSpan["chord"], barStart: number, bpb: number): ChordSpan[] {
  const kept = spans
    .filter((s) => s.startBeat < barStart - 1e-9)
    .map((s) => ({ ...s, beats: Math.min(s.beats, barStart - s.startBeat) }));
  return [...kept, { startBeat: barStart, beats: bpb, chord }];
}

/** The cadence chords spread over the ending's bars, then the tonic on its last bar. */
function endingChords(
  style: StyleDef,
  key: Key,
  cadence: string[],
  tonic: string,
  bars: number,
  startBeat: number,
): ChordSpan[] {
  const bpb = style.beatsPerBar;
  const before = bars - 1;
  const used = cadence.slice(-Math.min(cadence.length, before));
  const spans: ChordSpan[] = [];
  let bar = 0;
  used.forEach((symbol, i) => {
    const share = Math.floor(before / used.length) + (i < before % used.length ? 1 : 0);
    spans.push({
      startBeat: startBeat + bar * bpb,
      beats: share * bpb,
      chord: parseProgression(symbol, key, bpb)[0]!.chord,
    });
    bar += share;
  });
  spans.push({ startBeat: startBeat + before * bpb, beats: bpb, chord: parseProgression(tonic, key, bpb)[0]!.chord });
  return spans;
}

function byLine(melody: MelodyNote[]): Map<number, MelodyNote[]> {
  const lines = new Map<number, MelodyNote[]>();
  for (const n of melody) lines.set(n.line, [...(lines.get(n.line) ?? []), n]);
  return lines;
}

function absolute(melody: MelodyNote[], start: number, velocity: number): BeatNote[] {
  return melody.map((n) => ({
    beat: start + n.beat,
    beats: n.beats * 0.95,
    pitch: n.pitch,
    velocity: velocity + (n.syllable === 0 ? 6 : 0),
  }));
}

/** Moves a melody by whole octaves to sit best in an instrument's range. */
function intoRange(notes: BeatNote[], range: [number, number] | undefined): BeatNote[] {
  if (!range || notes.length === 0) return notes;
  const low = Math.min(...notes.map((n) => n.pitch));
  const high = Math.max(...notes.map((n) => n.pitch));
  let best = 0;
  let bestOut = Infinity;
  for (let shift = -36; shift <= 36; shift += 12) {
    const out = Math.max(0, range[0] - (low + shift)) + Math.max(0, high + shift - range[1]);
    if (out < bestOut || (out === bestOut && shift > best)) {
      best = shift;
      bestOut = out;
    }
  }
  return notes.map((n) => ({ ...n, pitch: n.pitch + best }));
}

/**
 * Swing, a few ticks of human looseness, and MIDI's rule that a key cannot be struck twice at
 * once: a repeated pitch cuts the previous note.
 */
function toTicks(
  notes: BeatNote[],
  swung: (beat: number) => number,
  jitter: number,
  endTick: number,
  rng: Rng,
): TimedNote[] {
  const timed = notes
    .map((n) => {
      const shift = jitter ? rng.int(-jitter, jitter) : 0;
      const tick = Math.max(0, Math.round(swung(n.beat) * ppq) + shift);
      const end = Math.min(endTick, Math.round(swung(n.beat + n.beats) * ppq) + shift);
      return { tick, endTick: Math.max(tick + 1, end), pitch: n.pitch, velocity: n.velocity };
    })
    .filter((n) => n.tick < endTick)
    .sort((a, b) => a.tick - b.tick || a.pitch - b.pitch);
  const sounding = new Map<number, TimedNote>();
  const kept: TimedNote[] = [];
  for (const note of timed) {
    const held = sounding.get(note.pitch);
    if (held && held.endTick > note.tick) {
      if (held.tick === note.tick) {
        held.velocity = Math.max(held.velocity, note.velocity);
        held.endTick = Math.max(held.endTick, note.endTick);
        continue;
      }
      held.endTick = note.tick;
    }
    sounding.set(note.pitch, note);
    kept.push(note);
  }
  return kept;
}
