import type { Lyrics, LyricsSection, SongContext } from "../lyrics";
import { withoutEmoji } from "../lyrics-text";
import { asName } from "../names";
import { songForm } from "../song-form";
import { ageInWords, numbersInWords } from "../sung-numbers";
import type { Language, SectionKind } from "../values";
import { banks, type LanguageBank, type LineGroup, type Mood, type Occasion } from "./banks";
import {
  addressed,
  addressesRecipient,
  capitalize,
  type Detail,
  type Gender,
  genderOfDetail,
  genderOfRelationship,
  namedTemplate,
  type Person,
  parseDetail,
  relationshipPhrase,
  renderDetail,
  renderTemplate,
} from "./grammar";
import { countSyllables, lastWord, rhymeKey, sungLineSyllables } from "./prosody";

// A lyric writer without any network. It writes exactly the sections of songForm(duration), in one
// point of view per song (speaking to the recipient, or telling about them when the form says who
// they are), says the person's details again as lines of that song, uses the relationship, and names
// the recipient in the chorus. Every couplet rhymes by prosody.ts's keys and every line keeps within
// the syllables a sung line holds. The same context always gives the same song; another seed, another draft.

/**
 * Why no lyrics came out: `rejected` when the context itself cannot make a song (no name), whoever
 * writes it; `unavailable` when this writer found no lines that fit, where another writer may.
 */
export class LyricsNotComposed extends Error {
  override readonly name = "LyricsNotComposed";
  constructor(
    readonly kind: "rejected" | "unavailable",
    message: string,
  ) {
    super(message);
  }
}

/** How people give an age for a birthday: "les 30 ans de Marie", "ses 40 ans", "her 40th", "Tom's 18th", "turning 60". */
const agePatterns = [
  /\b(?:ses|tes|mes|les) (\d{1,3}) ?ans\b/,
  /(?:\b(?:her|his|my|your)|['’]s) (\d{1,3})(?:st|nd|rd|th)\b/,
  /\b(\d{1,3})(?:st|nd|rd|th) birthday\b/,
  /\bturn(?:s|ing|ed)? (\d{1,3})\b/,
];

/** First match wins: "anniversaire de mariage" is an anniversary, "anniversaire" alone a birthday. */
const occasionPatterns: [Occasion, RegExp][] = [
  [
    "anniversary",
    // A couple's years ("nos 10 ans", "our 10th") are theirs together, not an age.
    /wedding anniversary|anniversaire de mariage|\bnoces\b|\banniversary\b|years together|ans de mariage|ans ensemble|\b(?:nos|vos|leurs) \d{1,3} ?ans\b|\b(?:our|their) \d{1,3}(?:st|nd|rd|th)\b/,
  ],
  [
    "birthday",
    new RegExp(
      [/birthday|\bbday\b|anniversaire|\bbougies\b|\bsweet sixteen\b/, ...agePatterns].map((p) => p.source).join("|"),
    ),
  ],
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

/** The age a birthday's occasion gives, sung in words; null when it gives none (or a couple's). */
function ageOf(occasion: string, language: Language): string | null {
  const text = occasion.toLowerCase();
  for (const pattern of agePatterns) {
    const found = pattern.exec(text)?.[1];
    // A first birthday is sung as any other: "un ans", "one years old" would be worse than no age.
    if (found) return Number(found) >= 2 ? ageInWords(Number(found), language) : null;
  }
  return null;
}

export function occasionOf(occasion: string, relationship: string): Occasion {
  // The occasion says what the song is for; "my mother" only tells when the occasion does not.
  for (const text of [occasion, relationship]) {
    const t = text.toLowerCase();
    const found = occasionPatterns.find(([, pattern]) => pattern.test(t))?.[0];
    if (found) return found;
  }
  return "generic";
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

interface Draft {
  language: Language;
  bank: LanguageBank;
  occasion: Occasion;
  mood: Mood;
  name: string;
  /** A couple ("Marie et Paul") is addressed, as "vous" in French. */
  couple: boolean;
  person: Person;
  /** "ma sœur", "my brother": empty when the form did not say. */
  relationship: string;
  /** A birthday's age in words ("trente"), when the occasion gives it. */
  age: string | null;
  random: () => number;
  used: Set<string>;
  /** Pools already measured: the same lines are offered to every section. */
  pools: Map<LineGroup[], { plain?: Line[]; named?: Line[] }>;
}

function measure(draft: Draft, text: string, source: string, weight: number, rank = -1): Line {
  const clean = capitalize(text.replace(/\s+/g, " ").trim());
  return {
    rank,
    text: clean,
    source,
    syllables: countSyllables(clean, draft.language),
    key: rhymeKey(clean, draft.language),
    // "amour" and "d'amour", "vrai" and "vrais" are the same word: a rhyme needs two.
    last: lastWord(clean).replace(/^.*'/, "").replace(/[sx]$/, ""),
    weight,
  };
}

const say = (draft: Draft, template: string): string =>
  renderTemplate(template, draft.language, draft.person, draft.name);

/** Lines for this occasion and mood; lines written for them weigh more than lines for any song. */
function pool(draft: Draft, groups: LineGroup[], named = false): Line[] {
  const cached = draft.pools.get(groups) ?? {};
  draft.pools.set(groups, cached);
  const found = named ? cached.named : cached.plain;
  if (found) return found;
  let rank = 0;
  const lines = groups.flatMap((group) => {
    const start = rank;
    rank += group.lines.length;
    if (group.occasions && !group.occasions.includes(draft.occasion)) return [];
    if (group.moods && !group.moods.includes(draft.mood)) return [];
    if ((group.couple && !draft.couple) || (group.single && draft.couple)) return [];
    const weight = (group.occasions ? 4 : 1) * (group.moods ? 3 : 1);
    return group.lines.flatMap((template, i) => {
      if (!named) return [measure(draft, say(draft, template), template, weight, start + i)];
      // In a song told about them, the recipient's name can stand where the pronoun would.
      const withName = namedTemplate(template, draft.language);
      return withName ? [measure(draft, say(draft, withName), template, weight, start + i)] : [];
    });
  });
  if (named) cached.named = lines;
  else cached.plain = lines;
  return lines;
}

/** A weighted shuffle: likelier lines come first, yet any may lead. */
function ranked<T>(draft: Draft, items: T[], weight: (item: T) => number): T[] {
  return items
    .map((item) => ({ item, score: draft.random() ** (1 / Math.max(weight(item), 1e-6)) }))
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.item);
}

const inRange = (line: Line): boolean =>
  line.syllables >= sungLineSyllables.min && line.syllables <= sungLineSyllables.max;
const fits = (line: Line, target: number): boolean => Math.abs(line.syllables - target) <= 1 && inRange(line);

/** Exact length is preferred; a syllable off is allowed. */
const fitWeight = (line: Line, target: number): number => line.weight * (line.syllables === target ? 3 : 1);

type Couplet = [Line, Line];

/** A first line from `firsts` and a rhyming partner from `partners`, both near the target. */
function couplet(
  draft: Draft,
  firsts: Line[],
  partners: Line[],
  target: number,
  firstTolerance = 1,
  avoidKey?: string,
): Couplet | null {
  const candidates = firsts.filter(
    // Only a name too long for any sung line ("Anne-Sophie et Jean-Baptiste", whatever the line) leaves the range.
    (l) =>
      Math.abs(l.syllables - target) <= firstTolerance &&
      (firstTolerance === Number.POSITIVE_INFINITY || inRange(l)) &&
      !draft.used.has(l.source) &&
      l.key !== avoidKey,
  );
  for (const first of ranked(draft, candidates, (l) => fitWeight(l, target) / (1 + Math.abs(l.syllables - target)))) {
    const mates = partners.filter(
      (p) =>
        p.key === first.key &&
        p.last !== first.last &&
        p.source !== first.source &&
        !draft.used.has(p.source) &&
        fits(p, target),
    );
    const mate = ranked(draft, mates, (p) => fitWeight(p, target))[0];
    if (mate) return first.rank >= 0 && mate.rank >= 0 && mate.rank < first.rank ? [mate, first] : [first, mate];
  }
  return null;
}

function use(draft: Draft, ...couplets: Couplet[]): void {
  for (const c of couplets) for (const line of c) draft.used.add(line.source);
}

/** Four lines sing as AABB or ABAB (both keep every couplet rhyming); longer sections as couplets. */
function arrange(draft: Draft, couplets: Couplet[], interleave: boolean): string[] {
  const [a, b] = couplets;
  if (interleave && couplets.length === 2 && a && b && draft.random() < 0.5)
    return [a[0], b[0], a[1], b[1]].map((l) => l.text);
  return couplets.flat().map((l) => l.text);
}

/** A section of `lines` lines as couplets; an odd last line repeats its couplet's rhyme. */
function fill(
  draft: Draft,
  lines: number,
  couplets: Couplet[],
  partners: Line[],
  target: number,
  interleave: boolean,
): string[] {
  const text = arrange(draft, couplets, interleave);
  if (lines % 2 === 1) {
    const last = couplets.at(-1)!;
    const extra = ranked(
      draft,
      partners.filter(
        (p) =>
          p.key === last[0].key &&
          !draft.used.has(p.source) &&
          fits(p, target) &&
          p.last !== last[0].last &&
          p.last !== last[1].last,
      ),
      (p) => fitWeight(p, target),
    )[0];
    if (!extra) return [];
    draft.used.add(extra.source);
    text.push(extra.text);
  }
  return text.slice(0, lines);
}

const targets = [8, 7, 9, 6, 10];

// ---------------------------------------------------------------------------------------------
// Chorus: an opener naming the recipient, then the relationship (or the name again), each with a
// rhyming partner; longer choruses add couplets.

function withName(template: string, name: string): string {
  return template.replaceAll("{name}", name);
}

function withAge(template: string, age: string): string {
  return template.replaceAll("{age}", age).replaceAll(
    "{Age}",
    age.replace(/(^|[\s-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()),
  );
}

/** "You mean the world to me" after "Marie, " becomes "Marie, you mean…", but "I" stays "I". */
function afterName(text: string): string {
  return /^(I|I'm|I'll|I've|I'd|Noël|Christmas)\b/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** A French name whose final s may be sung ("Inès", "Maëlys") gives no reliable rhyme. */
function nameRhymes(draft: Draft): boolean {
  return !(draft.language === "fr" && /s$/i.test(draft.name));
}

function relationshipLines(draft: Draft): Line[] {
  if (!draft.relationship) return [];
  return draft.bank.relationship[addressed(draft.person) ? "addressed" : "about"]
    .filter((t) => !(draft.language === "en" && /friend/i.test(draft.relationship) && /friend/.test(t)))
    .map((t) => {
      const text = say(
        draft,
        t.replaceAll("{Rel}", capitalize(draft.relationship)).replaceAll("{rel}", draft.relationship),
      );
      return measure(draft, text, `rel:${t}`, 1);
    });
}

/** The chorus, and whether it carries the relationship (else the first verse does). */
function chorus(draft: Draft, lines: number): { lines: string[]; relationship: boolean } {
  const about = !addressed(draft.person);
  const attempt = (nameLineTolerance: number, withRelationship: boolean): string[] | null => {
    const plain = pool(draft, draft.bank.chorus);
    // A long name leaves little room: verse lines, less likely, widen the choice of partners.
    const partners = [...plain, ...pool(draft, draft.bank.verse).map((l) => ({ ...l, weight: l.weight / 4 }))];
    const hookSet = about ? draft.bank.hooksAbout : draft.bank.hooks;
    const hooks = (templates: string[]): Line[] =>
      templates
        .filter((t) => nameRhymes(draft) || !t.trimEnd().endsWith("{name}"))
        .map((t) => measure(draft, say(draft, withName(t, draft.name)), t, 1));
    const nameLines = about
      ? pool(draft, draft.bank.chorus, true)
      : plain.flatMap((line) =>
          draft.bank.vocatives.map((prefix) =>
            measure(draft, withName(prefix, draft.name) + afterName(line.text), line.source, line.weight),
          ),
        );
    const second = withRelationship ? relationshipLines(draft) : nameLines;
    // The occasion's own openers ("Happy birthday, …") at any length beat a generic one of the ideal length.
    // A birthday's age, when the occasion gives one, is sung first of all: "Marie, tu as trente ans".
    const ageHooks = draft.age
      ? hooks((about ? draft.bank.ages.hooksAbout : draft.bank.ages.hooks).map((t) => withAge(t, draft.age!)))
      : [];
    const occasionHooks = hooks(hookSet[draft.occasion]);
    const genericHooks = hooks(draft.occasion === "generic" ? [] : hookSet.generic);
    const lastResort = hooks(about ? draft.bank.nameOnly.about : draft.bank.nameOnly.addressed);
    for (const openers of [ageHooks, occasionHooks, genericHooks, nameLines, lastResort]) {
      for (const target of targets) {
        const saved = new Set(draft.used);
        const couplets: Couplet[] = [];
        // A two-line chorus says who they are to the singer in its second line, which leaves the one
        // couplet of a short song's verse to their story.
        const opening = couplet(
          draft,
          openers,
          withRelationship && lines === 2 ? second : partners,
          target,
          nameLineTolerance,
        );
        if (opening) {
          use(draft, opening);
          couplets.push(opening);
          const next = lines > 2 ? couplet(draft, second, partners, target, nameLineTolerance, opening[0].key) : null;
          if (next) {
            use(draft, next);
            couplets.push(next);
          }
          while (couplets.length * 2 < lines) {
            const more = couplet(draft, plain, partners, target, 1, couplets.at(-1)![0].key);
            if (!more) break;
            use(draft, more);
            couplets.push(more);
          }
          const text = couplets.length * 2 >= lines - 1 ? fill(draft, lines, couplets, partners, target, true) : [];
          if (text.length === lines && (lines <= 2 || !withRelationship || couplets[1]?.[0].source.startsWith("rel:")))
            return text;
        }
        draft.used = saved;
      }
    }
    return null;
  };
  const withRelationship = draft.relationship.length > 0 && (lines === 2 || lines >= 4) ? attempt(1, true) : null;
  if (withRelationship) return { lines: withRelationship, relationship: true };
  // A name too long for any line ("Anne-Sophie et Jean-Baptiste") makes its own lines longer rather than leave the chorus.
  const text = attempt(1, false) ?? attempt(Number.POSITIVE_INFINITY, false);
  if (!text) throw new LyricsNotComposed("unavailable", "builtin: no chorus fits this name");
  return { lines: text, relationship: false };
}

// ---------------------------------------------------------------------------------------------
// Story details, said again as lines of this song.

/** Free text from a form: no brackets (they would read as section tags), one line, no final stop. */
function cleanDetail(detail: string): string {
  return detail
    .replace(/[{}[\]<>«»"“”]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s\-–—•*·]+/, "")
    .replace(/[\s.!;:,…]+$/, "")
    .trim();
}

/** The ways a detail can be sung in this song: bare, in frames, or with a rhyming tail. */
function detailLines(draft: Draft, detail: Detail): Line[] {
  const frames = draft.bank.frames;
  const said = renderDetail(detail, draft.language, draft.person, draft.couple);
  const forms: { text: string; frames: string[] }[] = [];
  if (detail.kind === "clause") {
    const list = detail.tense === "past" ? frames.past : frames.present;
    forms.push({ text: said, frames: list });
    // In a song told about them, the name can open the detail: "Marie fait du surf chaque matin".
    if (!addressed(draft.person))
      forms.push({
        text: renderDetail(detail, draft.language, draft.person, draft.couple, draft.name),
        frames: ["{d}"],
      });
  } else if (detail.kind === "other")
    forms.push({ text: said, frames: detail.tense === "past" ? [...frames.other, frames.past[1]!] : frames.other });
  else forms.push({ text: said, frames: frames.noun });
  const lines: Line[] = [];
  for (const form of forms) {
    for (const frame of form.frames) {
      const inside = frame.startsWith("{d}") ? form.text : lowerFirst(draft, form.text);
      const text = renderTemplate(frame.replace("{d}", inside), draft.language, draft.person, draft.name);
      lines.push(
        measure(draft, text, `detail:${detail.source}`, frame !== "{d}" ? 1 : detail.kind === "noun" ? 0.7 : 3),
      );
      // A line that ends on the detail's own word may find no rhyme; a short tail brings one.
      if (frame === "{d}" && detail.kind !== "noun") {
        // "day and night" tells the recipient's habits; what others do or did takes the plainer tails.
        const tails =
          detail.kind === "clause" && detail.tense === "present" ? draft.bank.tails.present : draft.bank.tails.past;
        for (const tail of tails) lines.push(measure(draft, text + tail, `detail:${detail.source}`, 1));
      }
    }
  }
  return lines;
}

/** Inside a line the detail loses its capital, unless it starts with a name or "I". */
function lowerFirst(draft: Draft, text: string): string {
  const first = text.split(/[\s']/)[0] ?? "";
  if (first === "I" || first === draft.name.split(/[\s,]/)[0]) return text;
  const lowerable =
    /^(The|A|An|My|Our|Your|Her|His|Their|This|That|Every|Le|La|Les|L|Un|Une|Des|Du|Mon|Ma|Mes|Ton|Ta|Tes|Son|Sa|Ses|Notre|Nos|Votre|Vos|Leur|Leurs|Ce|Cet|Cette|Ces|Chaque)$/;
  return lowerable.test(first) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The detail line nearest the target that has a rhyming partner. */
function detailCouplet(
  draft: Draft,
  detail: Detail,
  partners: Line[],
  target: number,
  avoidKey?: string,
): Couplet | null {
  const lines = detailLines(draft, detail).filter(inRange);
  const distance = new Map(lines.map((l) => [l, Math.abs(l.syllables - target) / l.weight + draft.random()]));
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

function verse(draft: Draft, lines: number, details: Detail[], relationship: boolean): string[] {
  const own = pool(draft, draft.bank.verse);
  // Bridge lines set up the line after them ("And if the years go rushing by"): verses leave them.
  const partners = [...own, ...pool(draft, draft.bank.chorus)];
  const wanted = Math.ceil(lines / 2);
  // Every line length is tried with the relationship before any is tried without it.
  const targets = [8, 7, 9];
  const attempts = [
    ...targets.map((target) => ({ target, tell: relationship })),
    ...(relationship ? targets.map((target) => ({ target, tell: false })) : []),
  ];
  for (const { target, tell } of attempts) {
    const saved = new Set(draft.used);
    const couplets: Couplet[] = [];
    // The relationship must be sung somewhere: when no verse line rhymes with it, a bridge line may.
    const told = tell
      ? (couplet(draft, relationshipLines(draft), partners, target, 2) ??
        couplet(draft, relationshipLines(draft), [...partners, ...pool(draft, draft.bank.bridge)], target, 2))
      : null;
    if (tell && !told) continue;
    if (told) {
      use(draft, told);
      couplets.push(told);
    }
    for (const detail of details.slice(0, wanted - couplets.length)) {
      const c = detailCouplet(draft, detail, partners, target, couplets.at(-1)?.[0].key);
      if (c) {
        use(draft, c);
        couplets.push(c);
      }
    }
    while (couplets.length < wanted) {
      const avoid = couplets.at(-1)?.[0].key;
      const c = couplet(draft, own, own, target, 1, avoid) ?? couplet(draft, own, partners, target, 1, avoid);
      if (!c) break;
      use(draft, c);
      couplets.push(c);
    }
    if (couplets.length === wanted) {
      const text = fill(
        draft,
        lines,
        ranked(draft, couplets, () => 1),
        partners,
        target,
        true,
      );
      if (text.length === lines) return text;
    }
    draft.used = saved;
  }
  throw new LyricsNotComposed("unavailable", "builtin: no verse fits this song");
}

function bridge(draft: Draft, lines: number): string[] {
  const own = pool(draft, draft.bank.bridge);
  const fallback = pool(draft, draft.bank.verse);
  const all = [...own, ...fallback];
  for (const target of targets) {
    const saved = new Set(draft.used);
    const couplets: Couplet[] = [];
    while (couplets.length * 2 < lines) {
      const avoid = couplets.at(-1)?.[0].key;
      const c = couplet(draft, own, own, target, 1, avoid) ?? couplet(draft, fallback, fallback, target, 1, avoid);
      if (!c) break;
      use(draft, c);
      couplets.push(c);
    }
    // A bridge is thoughts in a row: interleaving them would break them.
    const text = couplets.length === Math.ceil(lines / 2) ? fill(draft, lines, couplets, all, target, false) : [];
    if (text.length === lines) return text;
    draft.used = saved;
  }
  throw new LyricsNotComposed("unavailable", "builtin: no bridge fits this song");
}

function title(draft: Draft): string {
  const options = draft.age
    ? draft.bank.ages.titles.map((t) => withAge(t, draft.age!))
    : draft.bank.titles[draft.occasion];
  return withName(options[Math.floor(draft.random() * options.length)]!, draft.name);
}

// ---------------------------------------------------------------------------------------------
// Point of view: a couple, or a recipient the form says nothing about, is spoken to; one whose
// gender the relationship or the details give may be told about, unless the details speak to them.

function personOf(context: SongContext, draft: Omit<Draft, "person">, details: string[]): Person {
  const fr = draft.language === "fr";
  const you: Person = fr ? (draft.couple ? "vous" : "tu") : "you";
  if (draft.couple) return you;
  const genders = [
    genderOfRelationship(context.relationship ?? "", draft.language),
    ...details.map((d) => genderOfDetail(d, draft.language)),
  ];
  const gender: Gender | null =
    genders.find((g) => g !== null) ??
    (draft.occasion === "mothersday" ? "f" : draft.occasion === "fathersday" ? "m" : null);
  if (!gender) return you;
  const spokenTo = details.filter((d) => addressesRecipient(d, draft.language)).length;
  const toldAbout = details.filter((d) => genderOfDetail(d, draft.language) !== null).length;
  const she: Person = fr ? "elle" : "she";
  const he: Person = fr ? "il" : "he";
  const about = gender === "f" ? she : he;
  if (spokenTo > toldAbout) return you;
  if (toldAbout > spokenTo) return draft.random() < 0.6 ? about : you;
  return draft.random() < 0.4 ? about : you;
}

/**
 * A person's words as the grammar reads them: phones and Macs type the curly apostrophe, and the rules are
 * written with the straight one; emoji are decoration no singer says, so they would be shown and not sung.
 */
const plain = (text: string) => withoutEmoji(text).replace(/[’‘ʼ]/g, "'");
/** The lyrics are shown as they are sung, with the typographic apostrophe the pages use ("c’est", "you’re"). */
const typeset = (text: string) => text.replace(/'/g, "’");

export function composeLyrics(given: SongContext, seed = 0): Lyrics {
  const context: SongContext = {
    ...given,
    occasion: plain(given.occasion),
    recipientName: asName(plain(given.recipientName)),
    details: given.details.map((detail) => numbersInWords(plain(detail), given.language)),
    ...(given.relationship === undefined ? {} : { relationship: plain(given.relationship) }),
  };
  const name = context.recipientName
    .replace(/[{}[\]<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!name) throw new LyricsNotComposed("rejected", "builtin: a song needs the recipient's name");
  const occasion = occasionOf(context.occasion, context.relationship ?? "");
  const couple = /\s(et|and|&)\s/i.test(name);
  const base = {
    language: context.language,
    bank: banks[context.language],
    occasion,
    mood: moodOf(context, occasion),
    name,
    couple,
    relationship: relationshipPhrase(context.relationship ?? "", context.language),
    age: occasion === "birthday" && !couple ? ageOf(context.occasion, context.language) : null,
    random: mulberry32(contextSeed(context, seed)),
    used: new Set<string>(),
    pools: new Map(),
  };
  const raw = [...new Set(context.details.map(cleanDetail).filter((d) => d.length > 0))];
  const draft: Draft = { ...base, person: personOf(context, base, raw) };
  const names = name
    .toLowerCase()
    .split(/\s+(?:et|and|&)\s+|\s+/)
    .filter(Boolean);
  const details = raw.map((d) => parseDetail(d, draft.language, names));
  const form = songForm(context.durationSeconds);
  const verses = form.filter((s) => s.kind === "verse");
  // Details go round the verses in order: the first to the first verse, the second to the second…
  const perVerse = verses.map(() => [] as Detail[]);
  details.forEach((d, i) => perVerse[i % Math.max(verses.length, 1)]?.push(d));
  const chorusLines = form.find((s) => s.kind === "chorus")?.lines ?? 4;
  // The chorus is the hardest to fill (the name's length is imposed), so it chooses its lines first.
  const refrain = chorus(draft, chorusLines);
  let verseIndex = 0;
  let relationshipToTell = !refrain.relationship && draft.relationship.length > 0;
  const sections: LyricsSection[] = form.map(({ kind, lines }): LyricsSection => {
    const write: Record<SectionKind, () => string[]> = {
      chorus: () => (lines === refrain.lines.length ? [...refrain.lines] : chorus(draft, lines).lines),
      verse: () => {
        const text = verse(draft, lines, perVerse[verseIndex++] ?? [], relationshipToTell);
        relationshipToTell = false;
        return text;
      },
      bridge: () => bridge(draft, lines),
      "pre-chorus": () => bridge(draft, lines),
      intro: () => bridge(draft, lines),
      outro: () => bridge(draft, lines),
    };
    return { kind, lines: write[kind]().map(typeset) };
  });
  return { title: typeset(title(draft)), sections };
}
