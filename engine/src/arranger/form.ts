import type { SectionKind } from "../../../domain/values";
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
  /** Per line, the syllables held for `longBeats` beats (the name in a chorus). */
  long: number[][];
  longBeats: number;
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
  /** Per line, the syllables that must be held (the recipient's name in a chorus). */
  long?: number[][];
}

/** Seconds after the last bar while the final chord rings out. */
const tailSec = 2;

/** The words cannot be sung in the asked duration at a pace people can follow. */
export class LyricsTooLongError extends Error {
  override readonly name = "LyricsTooLongError";
  constructor(
    readonly neededSec: number,
    readonly askedSec: number,
  ) {
    super(`the lyrics need at least ${neededSec} s in this style; ${askedSec} s were asked`);
  }
}

const roleOf: Record<SectionKind, HarmonicRole> = {
  intro: "verse",
  verse: "verse",
  "pre-chorus": "prechorus",
  chorus: "chorus",
  bridge: "bridge",
  outro: "chorus",
};

/**
 * The shortest line (in beats, a multiple of `lineBars` bars) that sings `syllables` on a grid of
 * `unit` beats, `held` of them on notes of `longBeats`, with a held last note and a breath.
 */
function lineBeatsFor(
  style: StyleDef,
  syllables: number,
  held: number,
  longBeats: number,
  lineBars: number,
  unit: number,
): number {
  const short = Math.max(0, syllables - 1 - held);
  // The last note is held at least a beat, then half a beat to breathe (melody.ts).
  const needed = short * unit + held * Math.max(unit, longBeats) + 1 + 0.5;
  let beats = lineBars * style.beatsPerBar;
  while (beats < needed - 1e-9) beats += lineBars * style.beatsPerBar;
  return beats;
}

/** A held syllable (the name) lasts at least this long, about twice a spoken one, so it can be caught. */
const longNoteSec = 0.38;
/** How much of the time after the intro the lines should take: the rest is breaths and short breaks. */
const sungShare = 0.9;

/** How far a tempo strays from the style's range, as a fraction of the nearest bound. */
const tempoStray = (style: StyleDef, tempo: number) =>
  tempo < style.tempo[0]
    ? (style.tempo[0] - tempo) / style.tempo[0]
    : tempo > style.tempo[1]
      ? (tempo - style.tempo[1]) / style.tempo[1]
      : 0;
const maxStray = 0.25;

type SungShape = LyricShape & { lineBars: number; unit: number; longBeats: number };

/**
 * Lays out the song in bars and picks the tempo so that the bars plus the final ring-out (two
 * seconds) last exactly `durationSec`. Every lyric line is sung, in order; no syllable is quicker
 * than `minSyllableSec` (people speak the same words at about that pace) and the name's syllables
 * are held. Among the tempos near the style's and line lengths of half to twice the style's, the
 * plan whose lines fill the song best wins: instrumental bars (intro, turnarounds, one solo, the
 * ending) take what the lines leave. Lyrics that fit no plan raise a LyricsTooLongError.
 */
export function planForm(
  style: StyleDef,
  lyrics: LyricShape[] | null,
  durationSec: number,
  preferredTempo: number,
  fixedTempo: boolean,
  rng: Rng,
  minSyllableSec = 0.2,
): FormPlan {
  const bpb = style.beatsPerBar;
  const musicSec = durationSec - tailSec;
  if (musicSec <= 0) throw new Error(`a song needs more than ${tailSec} s`);
  const minInstrumental = durationSec < 20 ? 2 : durationSec < 45 ? 3 : 4;
  const barSec = (tempo: number) => (bpb * 60) / tempo;

  if (!lyrics || lyrics.length === 0) {
    const fixedBars = Math.floor((durationSec - 1) / barSec(preferredTempo));
    if (fixedTempo && fixedBars >= minInstrumental)
      return place({ tempo: preferredTempo, totalBars: fixedBars, sections: instrumentalForm(style, fixedBars, rng) });
    const totalBars = Math.max(Math.round(musicSec / barSec(preferredTempo)), minInstrumental, 2);
    return place({
      tempo: (totalBars * bpb * 60) / musicSec,
      totalBars,
      sections: instrumentalForm(style, totalBars, rng),
    });
  }

  const layout = (lineBars: number, unit: number, tempo: number): SungShape[] => {
    const longBeats = unit * Math.ceil(longNoteSec / ((unit * 60) / tempo) - 1e-9);
    return lyrics.map((s) => {
      const beats = s.lines.map((n, i) =>
        lineBeatsFor(style, n, (s.long?.[i] ?? []).filter((k) => k < n - 1).length, longBeats, lineBars, unit),
      );
      return { ...s, unit, longBeats, lineBars: Math.max(...beats) / bpb };
    });
  };
  const lyricBarsOf = (sung: SungShape[]) => sung.reduce((sum, s) => sum + s.lines.length * s.lineBars, 0);
  const lineOptions = [0.5, 0.75, 1, 1.25, 1.5, 2]
    .map((f) => style.lineBars * f)
    .filter((b) => Number.isInteger(b) && b >= 1);
  const units = [...new Set([style.melodyUnit, 0.5, 0.25, ...(style.rap ? [1 / 3] : [])])];
  const [slow, fast] = [style.tempo[0] * (1 - maxStray), style.tempo[1] * (1 + maxStray)];

  let best: { cost: number; tempo: number; totalBars: number; sung: SungShape[] } | null = null;
  let neededSec = Infinity;
  for (const lineBars of lineOptions) {
    for (const unit of units) {
      // The quickest tempo at which this grid still leaves every syllable its time.
      const paced = Math.min(fixedTempo ? preferredTempo : fast, (unit * 60) / minSyllableSec);
      if (paced < (fixedTempo ? preferredTempo : slow) - 1e-9) continue;
      const atPace = layout(lineBars, unit, paced);
      neededSec = Math.min(neededSec, Math.ceil((lyricBarsOf(atPace) + minInstrumental) * barSec(paced) + tailSec));
      const tryBars = (totalBars: number, tempo: number) => {
        const sung = layout(lineBars, unit, tempo);
        const lyricBars = lyricBarsOf(sung);
        if (lyricBars + minInstrumental > totalBars) return;
        const extra = totalBars - lyricBars;
        const intro = extra >= 10 ? 4 : 2;
        const filled = lyricBars / (totalBars - intro);
        const cost =
          (durationSec >= 45 ? 40 : 4) * Math.max(0, sungShare - filled) +
          5 * tempoStray(style, tempo) +
          Math.abs(tempo - preferredTempo) / preferredTempo +
          0.15 * Math.abs(Math.log2(lineBars / style.lineBars)) +
          (unit === style.melodyUnit ? 0 : 0.1);
        if (!best || cost < best.cost - 1e-9) best = { cost, tempo, totalBars, sung };
      };
      if (fixedTempo) {
        if (paced >= preferredTempo - 1e-9)
          tryBars(Math.floor((durationSec - 1) / barSec(preferredTempo)), preferredTempo);
        continue;
      }
      for (
        let totalBars = Math.max(2, Math.ceil((musicSec * slow) / (bpb * 60)));
        (totalBars * bpb * 60) / musicSec <= paced + 1e-9;
        totalBars++
      ) {
        tryBars(totalBars, (totalBars * bpb * 60) / musicSec);
      }
    }
  }
  if (!best)
    throw new LyricsTooLongError(Number.isFinite(neededSec) ? neededSec : Math.ceil(durationSec * 2), durationSec);
  const { tempo, totalBars, sung } = best as { tempo: number; totalBars: number; sung: SungShape[] };
  return place({ tempo, totalBars, sections: lyricForm(style, sung, totalBars - lyricBarsOf(sung)) });
}

function place(plan: FormPlan): FormPlan {
  let bar = 0;
  for (const s of plan.sections) {
    s.startBar = bar;
    bar += s.bars;
  }
  return plan;
}

const section = (
  kind: PlannedSection["kind"],
  bars: number,
  level: PlannedSection["level"],
  role: HarmonicRole,
  extra: Partial<PlannedSection> = {},
): PlannedSection => ({
  kind,
  lyricSection: null,
  startBar: 0,
  bars,
  lineBars: 0,
  lineSyllables: [],
  unit: 0.5,
  long: [],
  longBeats: 1,
  level,
  role,
  lead: false,
  ...extra,
});

function lyricForm(style: StyleDef, sung: SungShape[], extra: number): PlannedSection[] {
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
    const level =
      s.kind === "chorus" ? 3 : s.kind === "verse" ? (verses++ === 0 ? 1 : 2) : s.kind === "pre-chorus" ? 2 : 1;
    return section(s.kind, s.lines.length * s.lineBars, level, roleOf[s.kind], {
      lyricSection: i,
      lineBars: s.lineBars,
      lineSyllables: s.lines,
      unit: s.unit,
      long: s.long ?? [],
      longBeats: s.longBeats,
    });
  });

  // A song with few words for its length gets one instrumental break (the chorus tune on the lead
  // instrument) before its last chorus, or at its end; what is still left lengthens the ending.
  const hook = body.find((s) => s.kind === "chorus") ?? body[0]!;
  const breakBars = hook.bars >= 4 ? hook.bars : 8;
  const breaks: PlannedSection[] = [];
  if (spare >= breakBars) {
    breaks.push(
      section("solo", breakBars, 3, "chorus", {
        lineBars: hook.lineBars || style.lineBars,
        lineSyllables: hook.lineSyllables,
        unit: hook.unit,
        lead: true,
      }),
    );
    spare -= breakBars;
  }
  const lastChorus = body.map((s) => s.kind).lastIndexOf("chorus");
  const breakAt = lastChorus > 0 ? lastChorus : body.length;
  body.splice(breakAt, 0, ...breaks);

  // Turnarounds after a chorus that is followed by more singing, two bars at a time.
  const spots = body.flatMap((s, i) =>
    s.kind === "chorus" && i < body.length - 1 && body[i + 1]!.kind !== "solo" ? [i] : [],
  );
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
  const made = (role: HarmonicRole) =>
    [0, 1, 2, 3].map(
      (i) => rng.int(style.rap ? 8 : 5, style.rap ? 12 : 9) + (role === "chorus" && i % 2 === 1 ? -1 : 0),
    );
  const tunes: Record<HarmonicRole, number[]> = {
    verse: made("verse"),
    chorus: made("chorus"),
    bridge: made("bridge"),
    prechorus: made("prechorus"),
  };
  const parts: PlannedSection[] = [];
  let verses = 0;
  // Eight-bar phrases, then a four-bar one if it fits; what is left goes to the intro and ending.
  for (let i = 0; body >= 4 || (parts.length === 0 && body > 0); i++) {
    const role = order[i % order.length]!;
    const bars = body >= phrase ? phrase : Math.min(4, body);
    const level = role === "chorus" ? 3 : role === "bridge" ? 1 : verses++ === 0 ? 1 : 2;
    const lines = Math.max(1, Math.floor(bars / lineBars));
    parts.push(
      section(role === "prechorus" ? "pre-chorus" : role, bars, level, role, {
        lineBars: Math.min(bars, lineBars),
        lineSyllables: tunes[role].slice(0, lines),
        unit: style.melodyUnit,
        lead: true,
      }),
    );
    body -= bars;
  }
  const growIntro = Math.min(body - (body % 2), 6 - intro);
  intro += growIntro;
  ending += body - growIntro;
  return [section("intro", intro, 1, "chorus"), ...parts, section("ending", ending, 3, "chorus")];
}
