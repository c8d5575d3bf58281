import type { Language } from "../values";

// Spelling-based approximations of how a line is sung: enough to keep lines even and rhymes
// true in the built-in writer (and to check both in tests), not a phonetic dictionary.

const wordPattern = /[\p{L}\p{N}'’-]+/gu;

function wordsOf(line: string): string[] {
  return (line.toLowerCase().replace(/’/g, "'").match(wordPattern) ?? [])
    .flatMap((w) => w.split("-"))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/**
 * Sung syllables a lyric line may hold: a line is sung over two bars, where twelve syllables still
 * fall on eighth notes with a held last note and a breath, and fewer than five leave it hollow.
 */
export const sungLineSyllables = { min: 5, max: 12 } as const;

// ---------------------------------------------------------------------------------------------
// Numbers are sung as words, so "30" counts like "trente" / "thirty".

const enOnes = [0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 2, 2]; // zero(2) is handled apart
const enTens = [0, 0, 2, 2, 2, 2, 2, 3, 2, 2];
const frUnits = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 2, 2]; // zéro … dix-neuf
const frTens = [0, 0, 1, 1, 2, 2, 2, 3, 3, 4]; // vingt, trente, quarante, cinquante, soixante, soixante-dix, quatre-vingt(s), quatre-vingt-dix

function numberSyllables(digits: string, language: Language): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n > 9999) return digits.length;
  if (language === "en") {
    const below100 = (k: number): number =>
      k === 0 ? 0 : k < 20 ? enOnes[k]! : enTens[Math.floor(k / 10)]! + (k % 10 ? enOnes[k % 10]! : 0);
    if (n === 0) return 2;
    // Years are read in pairs: 1995 → nineteen ninety-five.
    if (n >= 1100 && n < 2000) return below100(Math.floor(n / 100)) + below100(n % 100) + (n % 100 === 0 ? 2 : 0);
    const thousands = Math.floor(n / 1000);
    const hundreds = Math.floor((n % 1000) / 100);
    return (thousands ? below100(thousands) + 2 : 0) + (hundreds ? enOnes[hundreds]! + 2 : 0) + below100(n % 100);
  }
  const below100 = (k: number): number => {
    if (k < 20) return k === 0 ? 0 : frUnits[k]!;
    const ten = Math.floor(k / 10);
    const rest = ten === 7 || ten === 9 ? (k % 10) + 10 : k % 10;
    return (
      frTens[ten === 7 ? 6 : ten === 9 ? 8 : ten]! + (rest ? frUnits[rest]! + (rest === 1 || rest === 11 ? 1 : 0) : 0)
    );
  };
  if (n === 0) return 2;
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  return (
    (thousands ? (thousands > 1 ? below100(thousands) : 0) + 1 : 0) +
    (hundreds ? (hundreds > 1 ? below100(hundreds) : 0) + 1 : 0) +
    below100(n % 100)
  );
}

// ---------------------------------------------------------------------------------------------
// French: vowel groups; a final mute e/es is not sung (modern song, not classical verse); the
// third-person plural "-ent" is mute only when the line shows it is a verb.

const frVowel = /[aeiouyàâäéèêëîïôöùûüœæ]/;
const frHiatusStarts = new Set(["ë", "ï", "ü"]);

function frWordSyllables(raw: string, previous: string | undefined): number {
  let w = raw.replace(/'/g, "");
  if (/^\d+$/.test(w)) return numberSyllables(w, "fr");
  // "qu"/"gu" before a vowel are one consonant.
  w = w.replace(/qu(?=[aeiouyàâéèêëîïôûù])/g, "q").replace(/gu(?=[eiyéèêëî])/g, "g");
  const strip = (suffix: string): void => {
    const rest = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && frVowel.test(rest)) w = rest;
  };
  if (w.endsWith("ent") && previous !== undefined && /^(ils|elles|qu'?ils|qu'?elles)$/.test(previous)) strip("ent");
  else if (w.endsWith("es")) strip("es");
  else if (w.endsWith("e")) strip("e");
  let count = 0;
  let inGroup = false;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const next = w[i + 1];
    const vowel =
      frVowel.test(c) &&
      !(c === "y" && next !== undefined && frVowel.test(next) && (i === 0 || frVowel.test(w[i - 1]!)));
    if (!vowel) {
      inGroup = false;
      continue;
    }
    const prev = w[i - 1];
    // "Zoé", "poème", "réussi" split their vowels; "pitié", "lumière" do not.
    const hiatus =
      frHiatusStarts.has(c) ||
      prev === "é" ||
      (c === "é" && prev !== "i") ||
      (c === "è" && prev !== undefined && /[aoeu]/.test(prev));
    if (!inGroup || hiatus) count++;
    inGroup = true;
  }
  return Math.max(count, 1);
}

// ---------------------------------------------------------------------------------------------
// English: vowel groups, silent final e / -es / -ed, a few common words spelled against the rules.

const enExceptions: Record<string, number> = {
  every: 2,
  everything: 3,
  everyone: 3,
  everybody: 4,
  everywhere: 3,
  everyday: 3,
  evening: 2,
  maybe: 2,
  idea: 3,
  ideas: 3,
  area: 3,
  science: 2,
  quiet: 2,
  poem: 2,
  poems: 2,
  lion: 2,
  business: 2,
  eyes: 1,
  chloe: 2,
  zoe: 2,
  phoebe: 2,
  penelope: 4,
  radio: 3,
  video: 3,
  piano: 3,
  forever: 3,
  naive: 2,
  create: 2,
  created: 3,
  creating: 3,
  noah: 2,
  cafe: 2,
  karaoke: 4,
  recipe: 3,
  people: 2,
  queue: 1,
  fire: 1,
  hour: 1,
  our: 1,
  being: 2,
  seeing: 2,
  doing: 2,
  going: 2,
  real: 1,
  really: 2,
  usually: 4,
  family: 3,
  interesting: 3,
  different: 2,
  favourite: 3,
  favorite: 3,
  chocolate: 2,
  camera: 3,
  ocean: 2,
  heaven: 2,
  jewel: 2,
};

const enVowel = /[aeiouyàâäéèêëîïôöùûü]/;

function enWordSyllables(raw: string): number {
  const word = raw.replace(/'$/, "");
  if (/^\d+$/.test(word)) return numberSyllables(word, "en");
  const exception = enExceptions[word.replace(/'s$/, "")];
  if (exception !== undefined) return exception;
  // "didn't", "couldn't": the n't after a consonant is a syllable of its own.
  const nt = /[^aeiouy']n't$/.test(word) ? 1 : 0;
  let w = word
    .replace(/'(s|re|ll|ve|d|m|t)$/, "")
    .replace(/n$/, (n) => (nt ? "" : n))
    .replace(/'/g, "");
  // "lovely", "sometimes", "grateful": the e closing the first part of a compound is silent.
  w = w.replace(/([^aeiouy])e(ly|ful|less|ness|ment|times?|thing|day|body|where|made)$/, "$1$2");
  w = w.replace(/qu(?=[aeiouy])/g, "q");
  const rest = (n: number): string => w.slice(0, -n);
  if (/[^aeiouy]les?$/.test(w) && enVowel.test(w.replace(/les?$/, "").slice(0, -1))) {
    // "little", "tables", "candles": the final -le is sung.
  } else if (w.endsWith("es") && !/(c|g|s|x|z|ch|sh)es$/.test(w) && enVowel.test(rest(2))) {
    // "loves", "times" are one syllable; "places", "wishes" keep their -es.
    w = `${rest(2)}s`;
  } else if (/[^td]ed$/.test(w) && enVowel.test(rest(2))) {
    w = `${rest(2)}d`;
  } else if (w.endsWith("e") && !w.endsWith("ee") && w.length > 2 && enVowel.test(rest(1))) {
    w = rest(1);
  }
  let count = 0;
  let inGroup = false;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const next = w[i + 1];
    const prev = w[i - 1];
    let vowel = enVowel.test(c);
    // y before a vowel is a consonant at the start ("you") or after a vowel ("player").
    if (
      c === "y" &&
      next !== undefined &&
      enVowel.test(next) &&
      (i === 0 || (prev !== undefined && enVowel.test(prev)))
    )
      vowel = false;
    if (!vowel) {
      inGroup = false;
      continue;
    }
    // "crying", "Maëlys", "Zoé": a vowel after a sung y, or a marked vowel, starts a syllable;
    // so does the a of "Olivia", "Liam", "trial" (not "special", "Asia", "marriage").
    const hiatus = c === "a" && prev === "i" && !/[cstgx]/.test(w[i - 2] ?? "") && w[i + 1] !== "g";
    if (!inGroup || prev === "y" || /[ëïüé]/.test(c) || prev === "é" || hiatus) count++;
    inGroup = true;
  }
  // "being", "going": a vowel right before -ing is its own syllable.
  if (/[aeiou]ing$/.test(w) && !/(ai|ei|oi|ou|ee|oo)ing$/.test(w.slice(-5))) count++;
  return Math.max(count + nt, 1);
}

/** Sung syllables of a line, by spelling. */
export function countSyllables(line: string, language: Language): number {
  const words = wordsOf(line);
  let total = 0;
  for (let i = 0; i < words.length; i++) {
    total += language === "fr" ? frWordSyllables(words[i]!, words[i - 1]) : enWordSyllables(words[i]!);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Rhyme: the sound of a line's last stressed vowel and what follows, as a family key. Two lines
// rhyme when their keys are equal.

type Rule = readonly [RegExp, string];

const frErSounds = new Set([
  "mer",
  "hier",
  "cher",
  "fier",
  "fer",
  "hiver",
  "enfer",
  "ver",
  "amer",
  "super",
  "éther",
  "cancer",
  "laser",
]);

const frRules: Rule[] = [
  [/(eille|eil)$/, "ɛj"],
  [/(aille|ail)$/, "aj"],
  [/(ouille|ouil)$/, "uj"],
  [/(euille|euil|ueil|ueille)$/, "œj"],
  [/ille$/, "ij"],
  [/(ance|ence|anse|ense)$/, "ɑ̃s"],
  [/(ande|ende)$/, "ɑ̃d"],
  [/(ante|ente)$/, "ɑ̃t"],
  [/(ange|enge)$/, "ɑ̃ʒ"],
  [/(anche|enche)$/, "ɑ̃ʃ"],
  [/(ambre|embre)$/, "ɑ̃bʁ"],
  [/(amble|emble)$/, "ɑ̃bl"],
  [/onde$/, "ɔ̃d"],
  [/onge$/, "ɔ̃ʒ"],
  [/ombre$/, "ɔ̃bʁ"],
  [/(aine|eine|ène|enne)$/, "ɛn"],
  [/(ème|aime|eime|ême)$/, "ɛm"],
  [/(ette|ète|ête|aite|ètes)$/, "ɛt"],
  [/(elle|èle|êle|el|ël)$/, "ɛl"],
  [/(ètre|être|aître|aitre)$/, "ɛtʁ"],
  [/(esse|èce|aisse)$/, "ɛs"],
  [/(ève|êve)$/, "ɛv"],
  [/(aire|ère|erre|ert|air|aire)$/, "ɛʁ"],
  [/(eure|eur|œur|oeur)$/, "œʁ"],
  [/(ourd|ourt|oure|our)$/, "uʁ"],
  [/(oire|oir)$/, "waʁ"],
  [/(oile)$/, "wal"],
  [/(ire|ir|yre)$/, "iʁ"],
  [/(ore|ord|ort|or|aure)$/, "ɔʁ"],
  [/(are|ard|art|ar)$/, "aʁ"],
  [/(ure|ur|ûr)$/, "yʁ"],
  [/(ine|yne)$/, "in"],
  [/(ime|yme)$/, "im"],
  [/(ise|ize|yse)$/, "iz"],
  [/(ite|ythe)$/, "it"],
  [/ide$/, "id"],
  [/ive$/, "iv"],
  [/(ile|yle|il)$/, "il"],
  [/(igne)$/, "iɲ"],
  [/(agne)$/, "aɲ"],
  [/(age)$/, "aʒ"],
  [/(ace|asse)$/, "as"],
  [/(ade)$/, "ad"],
  [/(ame|âme|amme|emme)$/, "am"],
  [/(ane|anne)$/, "an"],
  [/(ose|ause|ôse)$/, "oz"],
  [/(ole|olle)$/, "ɔl"],
  [/(ome|omme|ôme|aume)$/, "ɔm"],
  [/(one|onne|ône)$/, "ɔn"],
  [/(ote|otte|ôte|aute)$/, "ɔt"],
  [/(ule|ulle)$/, "yl"],
  [/(une)$/, "yn"],
  [/(use|uze)$/, "yz"],
  [/(ude)$/, "yd"],
  [/(oute|oûte)$/, "ut"],
  [/(oule)$/, "ul"],
  [/(ouce)$/, "us"],
  [/(euse)$/, "øz"],
  [/(oie|oient)$/, "wa"],
  [/(aient)$/, "ɛ"],
  [/(uie)$/, "ɥi"],
  [/(ée)$/, "e"],
  [/(oue)$/, "u"],
  [/(eue)$/, "ø"],
  [/ique$/, "ik"],
  [/aque$/, "ak"],
  [/oque$/, "ɔk"],
  [/èque$/, "ɛk"],
  [/igue$/, "ig"],
  [/ague$/, "ag"],
  [/ogue$/, "ɔg"],
  [/(ue)$/, "y"],
  [/(aie)$/, "ɛ"],
  [/(ie|ïe)$/, "i"],
  [/(ain|aint|ein|eint|ien|ient|in|int|im|aim|um|un|unt|inct)$/, "ɛ̃"],
  [/(ait|ai|et|êt|ect|ès|aît|ay|est)$/, "ɛ"],
  [/(é|er|ez|ied)$/, "e"],
  [/(oi|oit|oid|oigt|oy)$/, "wa"],
  [/(ui|uit)$/, "ɥi"],
  [/(ou|out|oût|oup|oud)$/, "u"],
  [/(eu|eut|œu|oeu)$/, "ø"],
  [/(eau|au|aut|aud)$/, "o"],
  [/(u|ut|ût)$/, "y"],
  [/(on|ont|ond|onc|om|ompt)$/, "ɔ̃"],
  [/(an|ant|and|ang|ent|end|emps|amp|emp|aon|anc|ean)$/, "ɑ̃"],
  [/(i|it|id|y|ît|ït|ix)$/, "i"],
  [/(a|à|at|ât|ah)$/, "a"],
  [/(o|ô|ot|ôt|op)$/, "o"],
];

function frRhymeKey(word: string): string {
  let w = word.replace(/^.*'/, "");
  if (w === "es" || w === "est") return "ɛ";
  if (/vers$/.test(w)) return "ɛʁ";
  if (frErSounds.has(w.replace(/s$/, ""))) return "ɛʁ";
  const singular = w.replace(/s$/, "");
  // "ville", "mille", "tranquille" are said -il, unlike "fille" or "Camille".
  if (singular === "mille" || /(ville|tranquille)$/.test(singular)) return "il";
  // The plural s and x are silent.
  if (w.length > 2 && /[sx]$/.test(w) && !w.endsWith("ss")) w = w.slice(0, -1);
  if (w.length > 2 && w.endsWith("es")) w = w.slice(0, -1);
  for (const [pattern, key] of frRules) if (pattern.test(w)) return key;
  return fallbackKey(w);
}

const enWords: Record<string, string> = {};
const enWordFamilies: Record<string, string> = {
  uː: "you true through who do to too two new knew blue view few crew grew flew threw anew shoe clue glue due sue into undo tattoo brew",
  ʌv: "love above of dove glove shove",
  uːv: "move prove groove improve",
  ʌn: "one done someone everyone none won son anyone undone begun",
  ɒn: "gone on upon",
  aʊ: "how now wow allow somehow vow cow brow",
  aʊn: "down town crown gown brown clown frown drown",
  ɛər: "there where their they're everywhere anywhere nowhere somewhere bear wear pear swear prayer",
  ɪər: "here near dear year clear fear hear ear appear cheer sincere we're beer deer steer career",
  ɑːr: "are far star car guitar bar jar scar",
  ɔːr: "more before door floor shore core four your pour for or adore explore soar roar war store ignore score restore evermore forevermore",
  aʊər: "our hour flower power tower shower",
  aɪz: "eyes skies surprise rise wise lies cries sunrise size prize",
  ɪv: "give live forgive",
  ɛd: "said bread head instead led bed red ahead spread thread wed fed",
  eɪt: "great eight weight straight",
  ɛn: "again then when ten men pen amen",
  ɪn: "been win in begin spin within skin grin",
  ɜːrd: "word heard bird third",
  ɜːrld: "world",
  ɜːrn: "learn turn burn return earn yearn",
  aɪ: "eye i my by sky fly why high cry try die lie tie bye goodbye sigh shy dry guy buy pie hi lullaby butterfly",
  iː: "me be we he she see free sea tree key three agree glee knee tea",
  eɪ: "they hey grey gray obey bouquet ballet café",
  oʊ: "oh though although",
  iːn: "machine routine magazine",
  ʌm: "come some become",
  uːz: "lose whose choose",
  æv: "have",
  ɛt: "sweat",
  eɪk: "break",
  ʊl: "full",
};
for (const [key, list] of Object.entries(enWordFamilies)) for (const w of list.split(" ")) enWords[w] = key;

const enRules: Rule[] = [
  [/(aire|eir)$/, "ɛər"],
  [/(ieve|eive|eave|eve)$/, "iːv"],
  [/(iece|eace)$/, "iːs"],
  [/(ight|ite|yte)$/, "aɪt"],
  [/(ide|yde)$/, "aɪd"],
  [/[^u]ild$/, "aɪld"],
  [/(ine|ign|yne)$/, "aɪn"],
  [/(ime|yme)$/, "aɪm"],
  [/(ile|yle)$/, "aɪl"],
  [/(ire|yre)$/, "aɪər"],
  [/(ize|yze)$/, "aɪz"],
  [/(ice)$/, "aɪs"],
  [/(ife)$/, "aɪf"],
  [/(ive)$/, "aɪv"],
  [/(eet|eat|ete)$/, "iːt"],
  [/(eam|eem|eme)$/, "iːm"],
  [/(een|ean|ene)$/, "iːn"],
  [/(eel|eal)$/, "iːl"],
  [/(eed|ead|ede)$/, "iːd"],
  [/(eep|eap)$/, "iːp"],
  [/(eek|eak|ique)$/, "iːk"],
  [/(each|eech)$/, "iːtʃ"],
  [/(ee|ea)$/, "iː"],
  [/(ame|aim)$/, "eɪm"],
  [/(ain|ane|aine|eign)$/, "eɪn"],
  [/(ate|ait|eight)$/, "eɪt"],
  [/(ace|ase)$/, "eɪs"],
  [/(ade|aid|ayed|eighed)$/, "eɪd"],
  [/(ake)$/, "eɪk"],
  [/(ave)$/, "eɪv"],
  [/(ale|ail)$/, "eɪl"],
  [/(ange)$/, "eɪndʒ"],
  [/(ay|é)$/, "eɪ"],
  [/(oy)$/, "ɔɪ"],
  [/(ong)$/, "ɒŋ"],
  [/(ing)$/, "ɪŋ"],
  [/(ang)$/, "æŋ"],
  [/(ung)$/, "ʌŋ"],
  [/(ound|owned)$/, "aʊnd"],
  [/(own|one|oan)$/, "oʊn"],
  [/(old|oled|olled)$/, "oʊld"],
  [/(ole|oal|oll|oul|owl)$/, "oʊl"],
  [/(ome|oam)$/, "oʊm"],
  [/(ose|oze)$/, "oʊz"],
  [/(ope|oap)$/, "oʊp"],
  [/(oat|ote)$/, "oʊt"],
  [/(oke|oak)$/, "oʊk"],
  [/(oad|ode|owed)$/, "oʊd"],
  [/(ove)$/, "oʊv"],
  [/(oo|ew|ue)$/, "uː"],
  [/(ool|ule)$/, "uːl"],
  [/(oom|ume)$/, "uːm"],
  [/(oon|une)$/, "uːn"],
  [/(oot|ute)$/, "uːt"],
  [/(ow|o|oe)$/, "oʊ"],
  [/(eart|art)$/, "ɑːrt"],
  [/(ard)$/, "ɑːrd"],
  [/(ark)$/, "ɑːrk"],
  [/(ore|oor|oar|or)$/, "ɔːr"],
  [/(orn|orne)$/, "ɔːrn"],
  [/(ord)$/, "ɔːrd"],
  [/(eer|ere|ear)$/, "ɪər"],
  [/(air|are)$/, "ɛər"],
  [/(urn|earn)$/, "ɜːrn"],
  [/(ird|urd|erd)$/, "ɜːrd"],
  [/(ell|el|elle)$/, "ɛl"],
  [/(ill|il)$/, "ɪl"],
  [/(all|aul|awl)$/, "ɔːl"],
  [/(end)$/, "ɛnd"],
  [/(ent)$/, "ɛnt"],
  [/(est|essed)$/, "ɛst"],
  [/(ess)$/, "ɛs"],
  [/(ance)$/, "æns"],
  [/(ast|assed)$/, "æst"],
  [/(un)$/, "ʌn"],
  [/(ust)$/, "ʌst"],
  [/(ife)$/, "aɪf"],
];

function enRhymeKey(raw: string): string {
  const word = raw.replace(/'s$/, "");
  const known = enWords[word];
  if (known) return known;
  const syllables = enWordSyllables(word);
  // An unstressed final -y (happy, memory) sounds like "ee"; a stressed one (sky) like "eye".
  if (/[^aeiou]y$/.test(word)) return syllables > 1 ? "iː" : "aɪ";
  if (/ey$/.test(word)) return syllables > 1 ? "iː" : "eɪ";
  if (/[^aeiou]ied$/.test(word) && syllables === 1) return "aɪd";
  if (/[^aeiou]ies$/.test(word)) return syllables === 1 ? "aɪz" : "iːz";
  // A plural rhymes like its singular plus the s: "dreams" / "seems", "knows" / "rose".
  if (word.length > 3 && /[^siu's]s$/.test(word)) return `${enSingularKey(word.slice(0, -1))}z`;
  return enSingularKey(word);
}

function enSingularKey(word: string): string {
  return enKnownKey(word) ?? enPastKey(word) ?? fallbackKey(word);
}

function enKnownKey(word: string): string | undefined {
  const known = enWords[word];
  if (known) return known;
  // "Marie", "Sophie", "Chloe", "Zoe" end on an "ee"; "pie", "toe" are known words above.
  if (/[^aeiou]y$/.test(word) || /(ie|[^aeiou]oe)$/.test(word)) return enWordSyllables(word) > 1 ? "iː" : "aɪ";
  for (const [pattern, key] of enRules) if (pattern.test(word)) return key;
  return undefined;
}

/** "loved" rhymes like "love" plus a d ("shoved"), "smiled" like "smile" ("mild"), never with "bed". */
function enPastKey(word: string): string | undefined {
  const stem = word.slice(0, -2);
  if (!/[^aeiouytd]ed$/.test(word) || !enVowel.test(stem)) return undefined;
  // "sailed", "dreamed" drop the -ed; "smiled", "danced" drop only the d.
  const forms = /[aeiouy]{2}[^aeiouy]$/.test(stem) ? [stem, `${stem}e`] : [`${stem}e`, stem];
  const key = enKnownKey(forms[0]!) ?? enKnownKey(forms[1]!) ?? fallbackKey(stem);
  return `${key}d`;
}

/** The last vowel group and what follows, without a final mute e. */
function fallbackKey(word: string): string {
  const w = word.length > 2 ? word.replace(/e$/, "") : word;
  const match = /[aeiouyàâäéèêëîïôöùûüœæ]+[^aeiouyàâäéèêëîïôöùûüœæ]*$/.exec(w);
  return match ? match[0] : w;
}

/** The line's last word, as rhymes hear it. */
export function lastWord(line: string): string {
  const words = (line.toLowerCase().replace(/’/g, "'").match(wordPattern) ?? []).filter((w) => /\p{L}/u.test(w));
  const last = words.at(-1) ?? "";
  // "peut-être", "crois-moi": the rhyme is on the last part.
  return last.split("-").filter(Boolean).at(-1) ?? "";
}

export function rhymeKey(line: string, language: Language): string {
  const word = lastWord(line);
  return language === "fr" ? frRhymeKey(word) : enRhymeKey(word);
}

export function rhymes(a: string, b: string, language: Language): boolean {
  return rhymeKey(a, language) === rhymeKey(b, language);
}
