import { numbersInWords } from "../../../domain/sung-numbers";
import type { Language } from "../../../domain/values";

// Heuristic syllabification: enough to give every sung syllable its own note. The count follows
// everyday pronunciation (French final mute "e" is silent, as the singer's phonemizer says it),
// the spelling of each syllable keeps the lyric's own letters so a line can be read back from them.

const vowelChars = new Set([..."aeiouyàâäéèêëîïôöùûüÿœæ"]);
const tremas = new Set([..."ëïüÿ"]);
/** Consonant pairs that begin a syllable together (ta-ble, pa-trie, ro-cher). */
const onsets = new Set([
  "bl",
  "br",
  "cl",
  "cr",
  "dr",
  "fl",
  "fr",
  "gl",
  "gr",
  "pl",
  "pr",
  "tr",
  "vr",
  "ch",
  "ph",
  "th",
  "gn",
  "qu",
  "gu",
  "sh",
  "wh",
]);
/** Letter pairs that act as one consonant when splitting a cluster. */
const digraphs = new Set(["ch", "ph", "th", "gn", "qu", "gu", "sh", "wh", "ck"]);

/** French words ending in "-ent" whose ending is heard (not a verb's silent plural). */
const frSoundedEnt = new Set([
  "moment",
  "vraiment",
  "comment",
  "souvent",
  "content",
  "parent",
  "présent",
  "absent",
  "argent",
  "accent",
  "talent",
  "serpent",
  "client",
  "patient",
  "orient",
  "différent",
  "évident",
  "urgent",
  "agent",
  "prudent",
  "ardent",
  "torrent",
  "adolescent",
  "innocent",
  "président",
  "sentiment",
  "firmament",
  "événement",
  "évènement",
  "instrument",
  "monument",
  "seulement",
  "tellement",
  "doucement",
  "lentement",
  "tendrement",
  "gentiment",
  "joliment",
  "infiniment",
  "absolument",
  "éperdument",
  "simplement",
  "justement",
  "autrement",
  "évidemment",
  "régiment",
  "fréquent",
  "équivalent",
  "excellent",
  "intelligent",
  "incident",
  "accident",
  "occident",
  "couvent",
  "arpent",
  "récent",
  "décent",
]);
const frSpecial: Record<string, string[]> = { pays: ["pa", "ys"], paysage: ["pa", "y", "sage"] };
const enSpecial: Record<string, string[]> = {
  every: ["ev", "ery"],
  everything: ["ev", "ery", "thing"],
  everyone: ["ev", "ery", "one"],
  everybody: ["ev", "ery", "bo", "dy"],
  everywhere: ["ev", "ery", "where"],
  different: ["dif", "frent"],
  evening: ["eve", "ning"],
  favorite: ["fav", "rite"],
  business: ["bus", "ness"],
  someone: ["some", "one"],
  something: ["some", "thing"],
  somewhere: ["some", "where"],
  forever: ["for", "ev", "er"],
  fire: ["fire"],
  our: ["our"],
  hour: ["hour"],
};
const enSilentESuffixes = new Set(["", "s", "ly", "ful", "less", "ness", "ment", "ments"]);

interface Group {
  start: number;
  end: number;
}

const isVowelAt = (w: string, i: number): boolean => {
  const c = w[i]!;
  if (!vowelChars.has(c)) return false;
  const prev = w[i - 1];
  const next = w[i + 1];
  // "qu" and "gu" before e/i spell one consonant: que, guerre, guitar.
  if (c === "u" && (prev === "q" || (prev === "g" && next !== undefined && "eiéèêy".includes(next)))) return false;
  // "y" before a vowel is a glide that starts the next syllable: voyage, player, yeux.
  if (c === "y" && next !== undefined && vowelChars.has(next) && !tremas.has(next)) return false;
  return true;
};

/** Where a run of vowels is heard as two syllables. */
function hiatus(w: string, i: number, language: Language): boolean {
  const a = w[i - 1]!;
  const b = w[i]!;
  if (tremas.has(b)) return true;
  if (language === "fr") {
    if ((b === "é" || b === "è") && "aeéèo".includes(a)) return true;
    if (a === "é") {
      const rest = w.slice(i);
      return !(rest === "e" || rest === "es" || rest === "ent");
    }
    return false;
  }
  const rest = w.slice(i);
  if (a === "i" && b === "a") return true;
  if (a === "i" && b === "o") return !/[tscxg]$/.test(w.slice(0, i - 1));
  if (a === "i" && b === "e") return rest.startsWith("et") || rest.startsWith("enc");
  if (a === "i" && b === "u") return true;
  if (a === "u" && b === "a") return true;
  if (a === "e" && b === "a") return rest === "a";
  if (a === "e" && b === "o") return !w.includes("peo");
  // being, going, doing, seeing.
  if (b === "i" && rest.startsWith("ing")) return true;
  return false;
}

function vowelGroups(w: string, language: Language): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  for (let i = 0; i < w.length; i++) {
    if (!isVowelAt(w, i)) {
      current = null;
      continue;
    }
    if (current && !hiatus(w, i, language)) current.end = i + 1;
    else {
      current = { start: i, end: i + 1 };
      groups.push(current);
    }
  }
  return groups;
}

/** Whether a vowel group is a mute "e" that adds no syllable (belle, chantent, lovely, tellement). */
function isMuteE(w: string, groups: Group[], g: number, language: Language): boolean {
  const group = groups[g]!;
  if (g === 0 || group.end - group.start !== 1 || w[group.start] !== "e") return false;
  const before = w[group.start - 1]!;
  const consonantsBefore = w.slice(groups[g - 1]!.end, group.start);
  if (consonantsBefore.length === 0) return false;
  const last = g === groups.length - 1;
  const tail = w.slice(group.end);
  if (language === "fr") {
    if (last) return tail === "" || tail === "s" || (tail === "nt" && !soundedEnt(w));
    // tellement, doucement: one consonant sound before the "e" lets it fall silent.
    return (tail === "ment" || tail === "ments") && (consonantsBefore.length === 1 || /^(.)\1$/.test(consonantsBefore));
  }
  if (last && tail === "d") return !(before === "t" || before === "d");
  if (last && tail === "s" && /(s|x|z|ch|sh|c|g)$/.test(consonantsBefore)) return false;
  // table, little, people: a consonant + "le" keeps its own syllable.
  if (before === "l" && consonantsBefore.length >= 2 && (tail === "" || tail === "s")) return false;
  return enSilentESuffixes.has(tail);
}

function soundedEnt(w: string): boolean {
  const bare = w.replace(/^[a-z]+'/, "");
  if (frSoundedEnt.has(bare)) return true;
  if (bare.length <= 5) return true;
  return /(ement|emment|amment|ément)$/.test(bare) && bare.length >= 8;
}

/** Splits the consonants between two vowel groups: how many go to the next syllable. */
function onsetLength(cluster: string, beforeFinalLe: boolean): number {
  const units: string[] = [];
  for (let i = 0; i < cluster.length; ) {
    const pair = cluster.slice(i, i + 2);
    const len = digraphs.has(pair) ? 2 : 1;
    let unit = cluster.slice(i, i + len);
    i += len;
    // An elided article stays with what follows: l'amour, jusqu'à.
    while (cluster[i] === "'" || cluster[i] === "’") unit += cluster[i++];
    if (unit.length > 1 && unit.endsWith("'") && cluster[i] === "h") unit += cluster[i++];
    units.push(unit);
  }
  if (units.length === 0) return 0;
  const last = units[units.length - 1]!;
  if (last === "ck") return 0;
  if (units.length >= 2) {
    const prev = units[units.length - 2]!;
    // lit-tle, can-dle: the consonant before "le" goes with it.
    if (beforeFinalLe && last === "l") return prev.length + 1;
    if (prev.length === 1 && last.length === 1 && onsets.has(prev + last)) return 2;
  }
  return last.length;
}

function splitWord(original: string, language: Language): string[] {
  const w = original.toLowerCase();
  const special = (language === "fr" ? frSpecial : enSpecial)[w];
  if (special) return rebuildCase(original, special);
  const groups = vowelGroups(w, language);
  if (groups.length === 0) return /[\p{L}\p{N}]/u.test(w) ? [original] : [];
  const heard = groups.filter((_, g) => !isMuteE(w, groups, g, language));
  const cuts: number[] = [];
  for (let g = 1; g < heard.length; g++) {
    const prevEnd = heard[g - 1]!.end;
    const start = heard[g]!.start;
    const englishLe = language === "en" && g === heard.length - 1 && w.slice(start - 1) === "le";
    cuts.push(start - onsetLength(w.slice(prevEnd, start), englishLe));
  }
  const syllables: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    syllables.push(original.slice(from, cut));
    from = cut;
  }
  syllables.push(original.slice(from));
  return syllables;
}

/** Gives the table's lower-case syllables the letters (and capitals) of the word as written. */
function rebuildCase(original: string, parts: string[]): string[] {
  let at = 0;
  return parts.map((p) => {
    const piece = original.slice(at, at + p.length);
    at += p.length;
    return piece;
  });
}

const edgePunctuation = /^[^\p{L}\p{N}'’]+|[^\p{L}\p{N}]+$/gu;

function pronunciationOf(token: string, pronunciations: Record<string, string> | undefined): string[] | null {
  if (!pronunciations) return null;
  const wanted = token.normalize("NFC").toLowerCase();
  for (const [word, spoken] of Object.entries(pronunciations)) {
    if (word.normalize("NFC").toLowerCase() === wanted) {
      const parts = spoken.split(/[-\s·.]+/).filter(Boolean);
      if (parts.length > 0) return parts;
    }
  }
  return null;
}

/** The syllables of one word as sung; a pronunciation given for the word replaces them. */
export function syllabifyWord(word: string, language: Language, pronunciations?: Record<string, string>): string[] {
  const token = word.normalize("NFC").replace(edgePunctuation, "");
  if (!token) return [];
  const spoken = pronunciationOf(token, pronunciations);
  if (spoken) return spoken;
  // "l'amour" may carry the pronunciation of "amour"; the article joins its first syllable.
  const elided = /^([\p{L}]{1,6}['’])(.+)$/u.exec(token);
  if (elided && language === "fr") {
    const rest = pronunciationOf(elided[2]!, pronunciations);
    if (rest) return [elided[1]! + rest[0]!, ...rest.slice(1)];
  }
  if (language === "fr" && token.includes("-")) {
    return token.split("-").flatMap((part) => syllabifyWord(part, language, pronunciations));
  }
  return splitWord(token, language);
}

/** The syllables of a lyric line, in order: one sung note each. */
export function syllabifyLine(line: string, language: Language, pronunciations?: Record<string, string>): string[] {
  return wordsOf(line, language).flatMap((word) => syllabifyWord(word, language, pronunciations));
}

/**
 * A line's words as sung. A number standing alone is said in words, so "en 2015" gets a note for each of
 * "deux mille quinze" instead of one note for the whole year.
 */
const wordsOf = (line: string, language: Language) =>
  numbersInWords(line, language)
    .split(/\s+|(?<=\p{L})[–—](?=\p{L})/u)
    .filter(Boolean);

/**
 * The same syllables as the singer needs them: a syllable that continues its word ends with a
 * hyphen ("Jo-", "yeux"), so the speech synthesizer reads whole words, not syllables as words.
 */
export function syllabifyLineForSinging(
  line: string,
  language: Language,
  pronunciations?: Record<string, string>,
): string[] {
  return wordsOf(line, language).flatMap((word) => {
    const parts = syllabifyWord(word, language, pronunciations);
    return parts.map((part, i) => (i < parts.length - 1 ? `${part}-` : part));
  });
}
