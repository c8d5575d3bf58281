import type { Language } from "../../db/enums";
import { ProviderError, type Lyrics, type LyricsWriter, type SongContext } from "../contract";
import { banks, type LanguageBank, type LineGroup, type Mood, type Occasion } from "./builtin-banks";
import { countSyllables, lastWord, rhymeKey } from "./prosody";

// A lyric writer without any network: it picks lines from hand-written banks so that each section
// keeps one syllable target and every couplet rhymes by prosody.ts's keys, quotes the person's own
// story details, and names the recipient in the chorus. The same context always gives the same song;
// another seed gives another draft.

export interface BuiltinLyricsOptions {
  /** Changes the draft for the same context ("write me another one"). */
  seed?: number;
}

/** First match wins: "anniversaire de mariage" is an anniversary, "anniversaire" alone a birthday. */
const occasionPatterns: [Occasion, RegExp][] = [
  ["anniversary", /wedding anniversary|anniversaire de mariage|\bnoces\b|\banniversary\b|years together|ans de mariage|ans ensemble/],
  ["birthday", /birthday|\bbday\b|anniversaire/],
  ["retirement", /retire|retraite/],
  ["birth", /\bbirth\b|newborn|new baby|\bbaby\b|naissance|bébé|bapt/],
  ["wedding", /wedding|marriage|mariage|engagement|fiançailles|\bnoce\b/],
  ["christmas", /christmas|xmas|noël|\bnoel\b/],
  ["mothersday", /mother|\bmom\b|\bmum\b|mères|maman/],
  ["fathersday", /father|\bdad\b|pères|papa/],
  ["graduation", /graduat|diplôme|diplome|\bbac\b|exam|promotion/],
  ["thanks", /thank|merci|gratitude|remercie/],
  ["friendship", /friend|amitié|\bamie?s?\b|copain|copine|\bbff\b/],
  ["love", /\blove\b|amour|valentin|romance|couple/],
];

const moodPatterns: [Mood, RegExp][] = [
  ["funny", /funny|humou?r|drôle|drole|rigolo|marrant|comique|\bfun\b/],
  ["nostalgic", /nostalg|souvenir|mélancol|melanchol|bittersweet/],
  ["energetic", /energ|énerg|upbeat|festi|\bdance|\bdanse|\brock|party|dynamique/],
  ["calm", /calm|paisible|peaceful|serein|\bsoft\b|\bdoux\b|lullaby|berceuse|chill|relax/],
  ["tender", /tender|tendre|romanti|sweet|émouvant|emotional|love|amour/],
  ["joyful", /joy|happy|heureu|gai|cheerful|festive/],
];

/** What an occasion sounds like when the person did not say. */
const defaultMoods: Record<Occasion, Mood> = {
  birthday: "joyful",
  wedding: "tender",
  anniversary: "tender",
  christmas: "joyful",
  mothersday: "tender",
  fathersday: "tender",
  graduation: "energetic",
  friendship: "joyful",
  love: "tender",
  thanks: "tender",
  retirement: "joyful",
  birth: "calm",
  generic: "joyful",
};

function occasionOf(text: string): Occasion {
  const t = text.toLowerCase();
  return occasionPatterns.find(([, pattern]) => pattern.test(t))?.[0] ?? "generic";
}

function moodOf(context: SongContext, occasion: Occasion): Mood {
  for (const text of [context.mood ?? "", context.styleTags.join(" ")]) {
    const t = text.toLowerCase();
    const found = moodPatterns.find(([, pattern]) => pattern.test(t));
    if (found) return found[0];
  }
  return defaultMoods[occasion];
}

// ---------------------------------------------------------------------------------------------
// Randomness: a small seeded generator, so a draft depends on nothing but the context and the seed.

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Listed field by field so that two equal contexts hash alike whatever their key order. */
function contextSeed(context: SongContext, seed: number): number {
  const canonical = JSON.stringify([
    context.language,
    context.occasion,
    context.recipientName,
    context.relationship ?? "",
    context.details,
    context.mood ?? "",
    context.styleTags,
    context.vocal,
    context.durationSeconds,
    seed,
  ]);
  return hashString(canonical);
}

// ---------------------------------------------------------------------------------------------
// Lines as the composer sees them.

interface Line {
  text: string;
  /** The bank line it comes from: one bank line is used once per song, whatever its form. */
  source: string;
  syllables: number;
  key: string;
  last: string;
  weight: number;
  /** Position in the bank: paired lines were written setup first, so a couplet keeps that order. */
  rank: number;
}

type Person = "tu" | "vous" | null;

const frWords = /[\p{L}]+'?/gu;

/** French lines speak to one person ("tu") or to a couple ("vous"); English "you" serves both. */
function personOf(text: string, language: Language): Person {
  if (language !== "fr") return null;
  const words = text.toLowerCase().match(frWords) ?? [];
  if (words.some((w) => ["vous", "votre", "vos"].includes(w))) return "vous";
  if (/mon amour/i.test(text) || words.some((w) => ["tu", "te", "toi", "ton", "ta", "tes", "t'"].includes(w))) return "tu";
  return null;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

interface Draft {
  language: Language;
  bank: LanguageBank;
  occasion: Occasion;
  mood: Mood;
  name: string;
  /** A couple ("Marie et Paul") is addressed as "vous" in French. */
  couple: boolean;
  random: () => number;
  used: Set<string>;
}

function measure(draft: Draft, text: string, source: string, weight: number, rank = -1): Line {
  return {
    rank,
    text,
    source,
    syllables: countSyllables(text, draft.language),
    key: rhymeKey(text, draft.language),
    last: lastWord(text),
    weight,
  };
}

function speaksRight(draft: Draft, text: string): boolean {
  const person = personOf(text, draft.language);
  return person === null || person === (draft.couple ? "vous" : "tu");
}

/** Lines for this occasion and mood; lines written for them weigh more than lines for any song. */
function pool(draft: Draft, groups: LineGroup[], strictPerson = true): Line[] {
  let rank = 0;
  return groups.flatMap((group) => {
    const start = rank;
    rank += group.lines.length;
    if (group.occasions && !group.occasions.includes(draft.occasion)) return [];
    if (group.moods && !group.moods.includes(draft.mood)) return [];
    const weight = (group.occasions ? 4 : 1) * (group.moods ? 3 : 1);
    return group.lines
      .map((text, i) => ({ text, i }))
      .filter(({ text }) => !strictPerson || speaksRight(draft, text))
      .map(({ text, i }) => measure(draft, text, text, weight, start + i));
  });
}

/** A weighted shuffle: likelier lines come first, yet any may lead. */
function ranked<T>(draft: Draft, items: T[], weight: (item: T) => number): T[] {
  return items
    .map((item) => ({ item, score: Math.pow(draft.random(), 1 / Math.max(weight(item), 1e-6)) }))
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.item);
}

const fits = (line: Line, target: number): boolean => Math.abs(line.syllables - target) <= 1;

/** Exact length is preferred; a syllable off is allowed. */
const fitWeight = (line: Line, target: number): number => line.weight * (line.syllables === target ? 3 : 1);

type Couplet = [Line, Line];

/** A first line from `firsts` and a rhyming partner from `partners`, both near the target. */
function couplet(draft: Draft, firsts: Line[], partners: Line[], target: number, firstTolerance = 1, avoidKey?: string): Couplet | null {
  const candidates = firsts.filter(
    (l) => Math.abs(l.syllables - target) <= firstTolerance && !draft.used.has(l.source) && l.key !== avoidKey,
  );
  for (const first of ranked(draft, candidates, (l) => fitWeight(l, target) / (1 + Math.abs(l.syllables - target)))) {
    const mates = partners.filter(
      (p) => p.key === first.key && p.last !== first.last && p.source !== first.source && !draft.used.has(p.source) && fits(p, target),
    );
    const mate = ranked(draft, mates, (p) => fitWeight(p, target))[0];
    if (mate) return first.rank >= 0 && mate.rank >= 0 && mate.rank < first.rank ? [mate, first] : [first, mate];
  }
  return null;
}

function use(draft: Draft, ...couplets: Couplet[]): void {
  for (const c of couplets) for (const line of c) draft.used.add(line.source);
}

/** AABB or ABAB: both keep every couplet rhyming. */
function interleave(draft: Draft, a: Couplet, b: Couplet): string[] {
  const lines = draft.random() < 0.5 ? [a[0], a[1], b[0], b[1]] : [a[0], b[0], a[1], b[1]];
  return lines.map((l) => capitalize(l.text));
}

const targets = [8, 7, 9, 6, 10];

// ---------------------------------------------------------------------------------------------
// Chorus: an opener naming the recipient, then a line addressed to them by name.

function withName(template: string, name: string): string {
  return template.replaceAll("{name}", name);
}

/** "You mean the world to me" after "Marie, " becomes "Marie, you mean…", but "I" stays "I". */
function afterName(draft: Draft, text: string): string {
  const first = text.split(/[\s,]/)[0]!.toLowerCase();
  return draft.bank.keepCase.has(first) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** A French name whose final s may be sung ("Inès", "Maëlys") gives no reliable rhyme. */
function nameRhymes(draft: Draft): boolean {
  return !(draft.language === "fr" && /s$/i.test(draft.name));
}

function chorus(draft: Draft): string[] {
  const attempt = (strictPerson: boolean, nameLineTolerance = 1): string[] | null => {
    const plain = pool(draft, draft.bank.chorus, strictPerson);
    // A long name leaves little room: verse lines, less likely, widen the choice of partners.
    const partners = [...plain, ...pool(draft, draft.bank.verse, strictPerson).map((l) => ({ ...l, weight: l.weight / 4 }))];
    const hookTemplates = [...draft.bank.hooks[draft.occasion], ...(draft.occasion === "generic" ? [] : draft.bank.hooks.generic)];
    const hooks = (templates: string[]): Line[] =>
      templates
        .filter((t) => (!strictPerson || speaksRight(draft, t)) && (nameRhymes(draft) || !t.trimEnd().endsWith("{name}")))
        .map((t) => measure(draft, withName(t, draft.name), t, 1));
    const vocatives = plain.flatMap((line) =>
      draft.bank.vocatives.map((prefix) => measure(draft, withName(prefix, draft.name) + afterName(draft, line.text), line.source, line.weight)),
    );
    // The occasion's own openers ("Happy birthday, …") at any length beat a generic one of the ideal length.
    const tiers = [hooks(draft.bank.hooks[draft.occasion]), hooks(draft.occasion === "generic" ? [] : draft.bank.hooks.generic), vocatives];
    for (const openers of tiers) {
      for (const target of targets) {
        const saved = new Set(draft.used);
        const opening = couplet(draft, openers, partners, target, nameLineTolerance);
        if (opening) {
          use(draft, opening);
          const second = couplet(draft, vocatives, partners, target, nameLineTolerance, opening[0].key);
          if (second) {
            use(draft, second);
            return [opening[0], opening[1], second[0], second[1]].map((l) => capitalize(l.text));
          }
        }
        draft.used = saved;
      }
    }
    return null;
  };
  // A couple the "vous" lines cannot serve still gets a chorus, in "tu"; a name too long for any
  // line ("Anne-Sophie et Jean-Baptiste") makes its own lines longer rather than leave the chorus.
  const lines = attempt(true) ?? attempt(false) ?? attempt(true, Number.POSITIVE_INFINITY) ?? attempt(false, Number.POSITIVE_INFINITY);
  if (!lines) throw new ProviderError("unavailable", "builtin: no chorus fits this name");
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Story details, quoted as the person wrote them inside a frame that reads naturally.

/** Free text from a form: no brackets (they would read as section tags), one line, no final stop. */
function cleanDetail(detail: string): string {
  return detail
    .replace(/[{}[\]<>]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s\-–—•*·]+/, "")
    .replace(/[\s.!;:,…]+$/, "")
    .trim();
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/’/g, "'").split(/\s+/).map((w) => w.replace(/^(j'|l'|c'|qu')(.+)$/, "$1"));
}

type DetailKind = "clause" | "noun" | "either";

/** "she surfs every morning" is a clause, "our trip to Rome" a noun phrase; when unsure, a frame that takes both. */
function detailKind(draft: Draft, detail: string): DetailKind {
  const words = wordsOf(detail);
  const first = words[0] ?? "";
  const firstName = draft.name.split(/[\s,&]/)[0]!.toLowerCase();
  const hasVerb = words.slice(1, 5).some((w) => draft.bank.verbs.has(w) || draft.bank.verbPrefixes.some((p) => w.startsWith(p)));
  if (draft.bank.subjects.has(first) || first === firstName || hasVerb) return "clause";
  if (draft.bank.determiners.has(first)) return "noun";
  return "either";
}

/** Inside a line the detail loses its capital, unless it starts with a name or "I". */
function embedded(draft: Draft, detail: string): string {
  const first = wordsOf(detail)[0] ?? "";
  const lower = draft.bank.subjects.has(first) || draft.bank.determiners.has(first);
  return lower && !draft.bank.keepCase.has(first) ? detail.charAt(0).toLowerCase() + detail.slice(1) : detail;
}

const frVowelStart = /^[aeiouyàâäéèêëîïôöùûüœæh]/i;

/** French contracts "que elle" → "qu'elle", "de le" → "du", "à les" → "aux". */
function frJoin(head: string, detail: string): string {
  const m = /(^|\s)(que|de|à) $/.exec(head);
  if (!m) return head + detail;
  const before = head.slice(0, head.length - m[2]!.length - 1);
  const word = m[2]!;
  if (word !== "que") {
    const article = /^(le|les) /i.exec(detail);
    if (article) {
      const plural = article[1]!.toLowerCase() === "les";
      const merged = word === "de" ? (plural ? "des" : "du") : plural ? "aux" : "au";
      return `${before}${merged} ${detail.slice(article[0].length)}`;
    }
  }
  if (frVowelStart.test(detail)) return `${before}${word === "à" ? "à " : word === "que" ? "qu'" : "d'"}${detail}`;
  return head + detail;
}

function framed(draft: Draft, frame: string, detail: string): string {
  const [head = "", tail = ""] = frame.split("{d}");
  const inside = head ? embedded(draft, detail) : capitalize(detail);
  const joined = draft.language === "fr" ? frJoin(head, inside) : head + inside;
  return capitalize(joined + tail);
}

/** The detail line, in the frame that lands nearest the target and has a rhyming partner. */
function detailCouplet(draft: Draft, detail: string, partners: Line[], target: number, avoidKey?: string): Couplet | null {
  const kind = detailKind(draft, detail);
  const frames = kind === "either" ? draft.bank.frames.either : [...draft.bank.frames[kind], ...draft.bank.frames.either];
  const lines = frames.map((frame) => measure(draft, framed(draft, frame, detail), `detail:${detail}:${frame}`, 1));
  // Details are the person's own words: they cannot be cut to length, so any length is accepted,
  // the closest first; the frames that take either kind of detail read less naturally, so they come later.
  const catchAll = new Set(draft.bank.frames.either);
  const distance = new Map(
    lines.map((l, i) => [l, Math.abs(l.syllables - target) + draft.random() * 2 + (kind !== "either" && catchAll.has(frames[i]!) ? 3 : 0)]),
  );
  const order = [...lines].sort((a, b) => distance.get(a)! - distance.get(b)!);
  // A second rhyme sound in the verse when one is possible, the same one rather than no detail.
  for (const avoid of avoidKey === undefined ? [undefined] : [avoidKey, undefined]) {
    for (const line of order) {
      const found = couplet(draft, [line], partners, target, Number.POSITIVE_INFINITY, avoid);
      if (found) return found;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Sections.

function verse(draft: Draft, details: string[]): string[] {
  const own = pool(draft, draft.bank.verse);
  const partners = [...own, ...pool(draft, draft.bank.chorus), ...pool(draft, draft.bank.bridge)];
  for (const target of [8, 7, 9]) {
    const saved = new Set(draft.used);
    const couplets: Couplet[] = [];
    for (const detail of details) {
      const c = detailCouplet(draft, detail, partners, target, couplets[0]?.[0].key);
      if (c) {
        use(draft, c);
        couplets.push(c);
      }
    }
    while (couplets.length < 2) {
      const c = couplet(draft, own, own, target, 1, couplets[0]?.[0].key) ?? couplet(draft, own, partners, target, 1, couplets[0]?.[0].key);
      if (!c) break;
      use(draft, c);
      couplets.push(c);
    }
    const [a, b] = couplets;
    if (a && b) return draft.random() < 0.5 ? interleave(draft, a, b) : interleave(draft, b, a);
    draft.used = saved;
  }
  throw new ProviderError("unavailable", "builtin: no verse fits this song");
}

function bridge(draft: Draft): string[] {
  const own = pool(draft, draft.bank.bridge);
  const fallback = pool(draft, draft.bank.verse);
  for (const target of targets) {
    const saved = new Set(draft.used);
    const a = couplet(draft, own, own, target) ?? couplet(draft, fallback, fallback, target);
    if (a) use(draft, a);
    const b = a && (couplet(draft, own, own, target, 1, a[0].key) ?? couplet(draft, fallback, fallback, target, 1, a[0].key));
    if (a && b) {
      use(draft, b);
      // A bridge is two thoughts in a row: interleaving them would break both.
      return [...a, ...b].map((l) => capitalize(l.text));
    }
    draft.used = saved;
  }
  throw new ProviderError("unavailable", "builtin: no bridge fits this song");
}

function title(draft: Draft): string {
  const options = draft.bank.titles[draft.occasion];
  return withName(options[Math.floor(draft.random() * options.length)]!, draft.name);
}

export function composeLyrics(context: SongContext, seed = 0): Lyrics {
  const name = context.recipientName.replace(/[{}[\]<>]/g, " ").replace(/\s+/g, " ").trim();
  if (!name) throw new ProviderError("rejected", "builtin: a song needs the recipient's name");
  const occasion = occasionOf(`${context.occasion} ${context.relationship ?? ""}`);
  const draft: Draft = {
    language: context.language,
    bank: banks[context.language],
    occasion,
    mood: moodOf(context, occasion),
    name,
    couple: /\s(et|and|&)\s/i.test(name),
    random: mulberry32(contextSeed(context, seed)),
    used: new Set(),
  };
  const details = [...new Set(context.details.map(cleanDetail).filter((d) => d.length > 0))].slice(0, 4);
  // Verses share the details: the first and third in the first verse, the second and fourth in the second.
  // The chorus is the hardest to fill (the name's length is imposed), so it chooses its lines first.
  const refrain = chorus(draft);
  const firstVerse = verse(draft, details.filter((_, i) => i % 2 === 0));
  const secondVerse = verse(draft, details.filter((_, i) => i % 2 === 1));
  const middle = bridge(draft);
  return {
    title: title(draft),
    sections: [
      { kind: "verse", lines: firstVerse },
      { kind: "chorus", lines: [...refrain] },
      { kind: "verse", lines: secondVerse },
      { kind: "chorus", lines: [...refrain] },
      { kind: "bridge", lines: middle },
      { kind: "chorus", lines: [...refrain] },
    ],
  };
}

export class BuiltinLyricsWriter implements LyricsWriter {
  readonly id = "builtin";

  constructor(private readonly options: BuiltinLyricsOptions = {}) {}

  async writeLyrics(context: SongContext, options: BuiltinLyricsOptions = {}): Promise<Lyrics> {
    return composeLyrics(context, options.seed ?? this.options.seed ?? 0);
  }
}

export const builtinLyricsWriter = new BuiltinLyricsWriter();
