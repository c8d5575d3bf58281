import type { SectionKind } from "../../../db/enums";
import type { Rng } from "./prng";
import type { StyleDef } from "./styles";

/** Which progression a passage plays. */
export type HarmonicRole = "verse" | "chorus" | "prechorus" | "bridge";

export interface PlannedSection {
  kind: SectionKind | "interlude" | "solo" | "ending";
  lyricSection: number | null;
  startBar: number;
  bars: number;
  /** Bars per lyric (or instrumental melody) line; 0 when nothing is sung or played on top. */
  lineBars: number;
  /** Syllables per line: the lyric's, or made up for a lead instrument's melody. */
  lineSyllables: number[];
  /** The melody's rhythmic grid, in beats (0.5 eighths, 0.25 sixteenths). */
  unit: number;
  level: 0 | 1 | 2 | 3;
  role: HarmonicRole;
  /** The lead instrument plays the melody (instrumental passages and instrumental songs). */
  lead: boolean;
}

export interface FormPlan {
  tempo: number;
  totalBars: number;
  sections: PlannedSection[];
}

export interface LyricShape {
  kind: SectionKind;
  /** Syllables per line. */
  lines: number[];
}

/** Seconds after the last bar while the final chord rings out. */
const tailSec = 2;

/** The words cannot be sung in the asked duration at any tempo the style allows. */
export class LyricsTooLongError extends Error {
  override readonly name = "LyricsTooLongError";
  constructor(
    readonly neededSec: number,
    readonly askedSec: number,
  ) {
    super(`the lyrics need at least ${neededSec} s in this style; ${askedSec} s were asked`);
  }
}

const roleOf: Record<SectionKind, HarmonicRole> = { intro: "verse", verse: "verse", "pre-chorus": "prechorus", chorus: "chorus", bridge: "bridge", outro: "chorus" };

/** The shortest line (in beats, a multiple of `lineBars` bars) that sings `syllables` on a grid of `unit` beats, with a held last note and a breath. */
function lineBeatsFor(style: StyleDef, syllables: number, lineBars: number, unit: number): number {
  const needed = Math.max(0, syllables - 1) * unit + 1 + (style.rap ? 0.5 : 1);
  let beats = lineBars * style.beatsPerBar;
  while (beats < needed) beats += lineBars * style.beatsPerBar;
  return beats;
}

/** The shortest sung syllable, in seconds: quicker than this, words blur. */
const minSyllableSec = 0.14;

/** How far a tempo strays from the style's range, as a fraction of the nearest bound. */
const tempoStray = (style: StyleDef, tempo: number) => (tempo < style.tempo[0] ? (style.tempo[0] - tempo) / style.tempo[0] : tempo > style.tempo[1] ? (tempo - style.tempo[1]) / style.tempo[1] : 0);

/**
 * Lays out the song in bars and picks the tempo so that the bars plus the final ring-out (two
 * seconds) last exactly `durationSec`. The lyrics' own sections come in their order; instrumental bars (intro,
 * interludes, solos, the ending) take whatever time the lyrics leave. Lines may also be sung
 * twice as densely (half the bars, at the style's slowest tempo) when that keeps the tempo closer
 * to the style's; lyrics that fit neither way raise a LyricsTooLongError.
 */
export function planForm(style: StyleDef, lyrics: LyricShape[] | null, durationSec: number, preferredTempo: number, fixedTempo: boolean, rng: Rng): FormPlan {
  const bpb = style.beatsPerBar;
  const musicSec = durationSec - tailSec;
  if (musicSec <= 0) throw new Error(`a song needs more than ${tailSec} s`);
  const minInstrumental = durationSec < 20 ? 2 : 4;
  const barSec = (tempo: number) => (bpb * 60) / tempo;

  const layout = (lineBars: number, unit: number, tempo: number) => {
    const sung = lyrics?.map((s) => ({ ...s, unit, lineBars: Math.max(...s.lines.map((n) => lineBeatsFor(style, n, lineBars, unit))) / bpb })) ?? null;
    const lyricBars = sung?.reduce((sum, s) => sum + s.lines.length * s.lineBars, 0) ?? 0;
    const fixedBars = Math.floor((durationSec - 1) / barSec(tempo));
    if (fixedTempo && fixedBars >= lyricBars + minInstrumental) return { sung, lyricBars, unit, tempo, totalBars: fixedBars };
    const totalBars = Math.max(Math.round(musicSec / barSec(tempo)), lyricBars + minInstrumental, 2);
    return { sung, lyricBars, unit, tempo: (totalBars * bpb * 60) / musicSec, totalBars };
  };
  const options = [layout(style.lineBars, style.melodyUnit, preferredTempo)];
  // Denser lines (half the bars) go with the style's slowest tempo, on sixteenths when those
  // stay singable there.
  if (lyrics && style.lineBars % 2 === 0) {
    const slowest = fixedTempo ? preferredTempo : style.tempo[0];
    options.push(layout(style.lineBars / 2, 15 / slowest >= minSyllableSec ? 0.25 : 0.5, slowest));
  }
  // A tempo far from the style's, or syllables too quick to sing, means the words do not fit.
  const singable = lyrics ? options.filter((o) => (o.unit * 60) / o.tempo >= (style.rap ? 0.11 : minSyllableSec) && (o.tempo === preferredTempo || tempoStray(style, o.tempo) <= 0.2)) : options;
  if (singable.length === 0) {
    const fastest = style.tempo[1] * 1.2;
    throw new LyricsTooLongError(Math.ceil((options[0]!.lyricBars + minInstrumental) * barSec(fastest) + tailSec), durationSec);
  }
  const best = singable.reduce((a, b) => (tempoStray(style, b.tempo) < tempoStray(style, a.tempo) - 1e-9 ? b : a));
  const { sung, lyricBars, tempo, totalBars } = best;
  const sections = sung ? lyricForm(style, sung, totalBars - lyricBars) : instrumentalForm(style, totalBars, rng);
  let bar = 0;
  for (const s of sections) {
    s.startBar = bar;
    bar += s.bars;
  }
  return { tempo, totalBars, sections };
}

const section = (kind: PlannedSection["kind"], bars: number, level: PlannedSection["level"], role: HarmonicRole, extra: Partial<PlannedSection> = {}): PlannedSection => ({
  kind,
  lyricSection: null,
  startBar: 0,
  bars,
  lineBars: 0,
  lineSyllables: [],
  unit: 0.5,
  level,
  role,
  lead: false,
  ...extra,
});

function lyricForm(style: StyleDef, sung: (LyricShape & { lineBars: number; unit: number })[], extra: number): PlannedSection[] {
  let intro = extra >= 10 ? 4 : 2;
  let ending = 2;
  let spare = extra - intro - ending;
  if (spare < 0) {
    intro = Math.max(1, extra - ending);
    ending = extra - intro;
    spare = 0;
  }
  let verses = 0;
  const body: PlannedSection[] = sung.map((s, i) => {
    const level = s.kind === "chorus" ? 3 : s.kind === "verse" ? (verses++ === 0 ? 1 : 2) : s.kind === "pre-chorus" ? 2 : 1;
    return section(s.kind, s.lines.length * s.lineBars, level, roleOf[s.kind], { lyricSection: i, lineBars: s.lineBars, lineSyllables: s.lines, unit: s.unit });
  });

  // A long song with few words gets instrumental breaks (the chorus tune on the lead instrument)
  // before its last chorus, or at its end.
  const hook = body.find((s) => s.kind === "chorus") ?? body[0]!;
  const breakBars = hook.bars >= 4 ? hook.bars : 8;
  const breaks: PlannedSection[] = [];
  while (spare >= breakBars) {
    breaks.push(section("solo", breakBars, 3, "chorus", { lineBars: hook.lineBars || style.lineBars, lineSyllables: hook.lineSyllables, unit: hook.unit, lead: true }));
    spare -= breakBars;
  }
  const lastChorus = body.map((s) => s.kind).lastIndexOf("chorus");
  const breakAt = lastChorus > 0 ? lastChorus : body.length;
  body.splice(breakAt, 0, ...breaks);

  // Turnarounds after a chorus that is followed by more singing, two bars at a time.
  const spots = body.flatMap((s, i) => (s.kind === "chorus" && i < body.length - 1 && body[i + 1]!.kind !== "solo" ? [i] : []));
  const interludeBars = new Map<number, number>();
  for (let round = 0; round < 2 && spare >= 2; round++) {
    for (const spot of spots) {
      if (spare < 2) break;
      interludeBars.set(spot, (interludeBars.get(spot) ?? 0) + 2);
      spare -= 2;
    }
  }
  // Intros grow in pairs of bars (phrases are even); an odd bar left over lengthens the ending.
  const growIntro = Math.min(spare - (spare % 2), 8 - intro);
  intro += growIntro;
  spare -= growIntro;
  ending += spare;

  const tune = { lineBars: hook.lineBars || style.lineBars, lineSyllables: hook.lineSyllables, unit: hook.unit };
  const out: PlannedSection[] = [section("intro", intro, 1, "chorus", { ...tune, lead: true })];
  body.forEach((s, i) => {
    out.push(s);
    const bars = interludeBars.get(i);
    if (bars) out.push(section("interlude", bars, 2, "verse", { ...tune, lead: bars >= 4 }));
  });
  out.push(section("ending", ending, 3, "chorus"));
  return out;
}

function instrumentalForm(style: StyleDef, totalBars: number, rng: Rng): PlannedSection[] {
  let intro = totalBars >= 24 ? 4 : totalBars >= 8 ? 2 : 1;
  let ending = Math.min(2, totalBars - intro);
  let body = totalBars - intro - ending;
  const phrase = 8;
  const order: HarmonicRole[] = ["verse", "chorus", "verse", "chorus", "bridge", "chorus", "chorus", "verse"];
  const lineBars = style.lineBars;
  const made = (role: HarmonicRole) => [0, 1, 2, 3].map((i) => rng.int(style.rap ? 8 : 5, style.rap ? 12 : 9) + (role === "chorus" && i % 2 === 1 ? -1 : 0));
  const tunes: Record<HarmonicRole, number[]> = { verse: made("verse"), chorus: made("chorus"), bridge: made("bridge"), prechorus: made("prechorus") };
  const parts: PlannedSection[] = [];
  let verses = 0;
  // Eight-bar phrases, then a four-bar one if it fits; what is left goes to the intro and ending.
  for (let i = 0; body >= 4 || (parts.length === 0 && body > 0); i++) {
    const role = order[i % order.length]!;
    const bars = body >= phrase ? phrase : Math.min(4, body);
    const level = role === "chorus" ? 3 : role === "bridge" ? 1 : verses++ === 0 ? 1 : 2;
    const lines = Math.max(1, Math.floor(bars / lineBars));
    parts.push(section(role === "prechorus" ? "pre-chorus" : role, bars, level, role, { lineBars: bars >= lineBars ? lineBars : bars, lineSyllables: tunes[role].slice(0, lines), unit: style.melodyUnit, lead: true }));
    body -= bars;
  }
  const growIntro = Math.min(body - (body % 2), 6 - intro);
  intro += growIntro;
  ending += body - growIntro;
  return [section("intro", intro, 1, "chorus"), ...parts, section("ending", ending, 3, "chorus")];
}
