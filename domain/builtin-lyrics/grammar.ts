import type { Language } from "../values";

// The built-in writer's grammar: whom a song speaks to or about, how its lines and the person's
// own details are conjugated for that person, and how French contracts its small words. It only
// knows what song lines and short form answers need, not French or English at large.

/**
 * The point of view of one song. "tu"/"vous"/"you" address the recipient (a couple is "vous" in
 * French, "you" in English); "elle"/"il"/"she"/"he" tell about them.
 */
export type Person = "tu" | "vous" | "elle" | "il" | "you" | "she" | "he";
export type Gender = "f" | "m";

export const addressed = (person: Person): boolean => person === "tu" || person === "vous" || person === "you";

/** Column of a person in the tables below: 0 addressed, 1 a couple addressed (French), 2 she, 3 he. */
function column(person: Person): number {
  return { tu: 0, you: 0, vous: 1, elle: 2, she: 2, il: 3, he: 3 }[person];
}

/** Words that refer to the recipient, by person; templates write them as {key}. */
const frTokens: Record<string, [string, string, string, string]> = {
  tu: ["tu", "vous", "elle", "il"],
  te: ["te", "vous", "la", "le"],
  lui: ["te", "vous", "lui", "lui"],
  toi: ["toi", "vous", "elle", "lui"],
  se: ["te", "vous", "se", "se"],
  ton: ["ton", "votre", "son", "son"],
  ta: ["ta", "votre", "sa", "sa"],
  tes: ["tes", "vos", "ses", "ses"],
};

const enTokens: Record<string, [string, string, string, string]> = {
  you: ["you", "you", "she", "he"],
  "you~": ["you", "you", "her", "him"],
  your: ["your", "your", "her", "his"],
  yours: ["yours", "yours", "hers", "his"],
  yourself: ["yourself", "yourselves", "herself", "himself"],
  "you're": ["you're", "you're", "she's", "he's"],
  "you've": ["you've", "you've", "she's", "he's"],
  "you'll": ["you'll", "you'll", "she'll", "he'll"],
  "you'd": ["you'd", "you'd", "she'd", "he'd"],
  are: ["are", "are", "is", "is"],
  were: ["were", "were", "was", "was"],
  have: ["have", "have", "has", "has"],
  do: ["do", "do", "does", "does"],
  "don't": ["don't", "don't", "doesn't", "doesn't"],
  s: ["", "", "s", "s"],
  es: ["", "", "es", "es"],
};

// ---------------------------------------------------------------------------------------------
// French verbs: present and other tenses by person (tu, vous, il/elle, ils/elles).

type Forms = [string, string, string, string];

const frIrregular: Record<string, Forms> = {
  être: ["es", "êtes", "est", "sont"],
  avoir: ["as", "avez", "a", "ont"],
  faire: ["fais", "faites", "fait", "font"],
  aller: ["vas", "allez", "va", "vont"],
  pouvoir: ["peux", "pouvez", "peut", "peuvent"],
  vouloir: ["veux", "voulez", "veut", "veulent"],
  savoir: ["sais", "savez", "sait", "savent"],
  venir: ["viens", "venez", "vient", "viennent"],
  devenir: ["deviens", "devenez", "devient", "deviennent"],
  souvenir: ["souviens", "souvenez", "souvient", "souviennent"],
  revenir: ["reviens", "revenez", "revient", "reviennent"],
  tenir: ["tiens", "tenez", "tient", "tiennent"],
  dire: ["dis", "dites", "dit", "disent"],
  prendre: ["prends", "prenez", "prend", "prennent"],
  apprendre: ["apprends", "apprenez", "apprend", "apprennent"],
  comprendre: ["comprends", "comprenez", "comprend", "comprennent"],
  surprendre: ["surprends", "surprenez", "surprend", "surprennent"],
  mettre: ["mets", "mettez", "met", "mettent"],
  rire: ["ris", "riez", "rit", "rient"],
  sourire: ["souris", "souriez", "sourit", "sourient"],
  vivre: ["vis", "vivez", "vit", "vivent"],
  voir: ["vois", "voyez", "voit", "voient"],
  croire: ["crois", "croyez", "croit", "croient"],
  devoir: ["dois", "devez", "doit", "doivent"],
  partir: ["pars", "partez", "part", "partent"],
  sortir: ["sors", "sortez", "sort", "sortent"],
  dormir: ["dors", "dormez", "dort", "dorment"],
  endormir: ["endors", "endormez", "endort", "endorment"],
  courir: ["cours", "courez", "court", "courent"],
  écrire: ["écris", "écrivez", "écrit", "écrivent"],
  lire: ["lis", "lisez", "lit", "lisent"],
  boire: ["bois", "buvez", "boit", "boivent"],
  connaître: ["connais", "connaissez", "connaît", "connaissent"],
  conduire: ["conduis", "conduisez", "conduit", "conduisent"],
  construire: ["construis", "construisez", "construit", "construisent"],
  peindre: ["peins", "peignez", "peint", "peignent"],
  sentir: ["sens", "sentez", "sent", "sentent"],
  suivre: ["suis", "suivez", "suit", "suivent"],
  plaire: ["plais", "plaisez", "plaît", "plaisent"],
  perdre: ["perds", "perdez", "perd", "perdent"],
  attendre: ["attends", "attendez", "attend", "attendent"],
  entendre: ["entends", "entendez", "entend", "entendent"],
  rendre: ["rends", "rendez", "rend", "rendent"],
  répondre: ["réponds", "répondez", "répond", "répondent"],
  descendre: ["descends", "descendez", "descend", "descendent"],
  tendre: ["tends", "tendez", "tend", "tendent"],
  vendre: ["vends", "vendez", "vend", "vendent"],
  offrir: ["offres", "offrez", "offre", "offrent"],
  ouvrir: ["ouvres", "ouvrez", "ouvre", "ouvrent"],
  découvrir: ["découvres", "découvrez", "découvre", "découvrent"],
  cueillir: ["cueilles", "cueillez", "cueille", "cueillent"],
};

/** Second-group verbs (finir → finissez); other -ir verbs are in the table above. */
const frSecondGroup = new Set(
  "finir grandir réussir choisir remplir rougir nourrir éblouir bâtir applaudir guérir fleurir réfléchir agir vieillir ralentir".split(
    " ",
  ),
);

/** The present of a verb given by its infinitive, for one person (column as in Forms). */
function frPresent(infinitive: string, col: number): string {
  const irregular = frIrregular[infinitive];
  if (irregular) return irregular[col]!;
  if (frSecondGroup.has(infinitive)) return infinitive.slice(0, -1) + ["s", "ssez", "t", "ssent"][col];
  const stem = infinitive.replace(/er$/, "");
  if (col === 1) return `${stem}ez`;
  // "appeler" → "appelles", "lever" → "lèves", "essayer" → "essaies" outside "vous".
  const open =
    /(el|et)$/.test(stem) && !/(ach|gel|pel)$/.test(stem.slice(0, -1))
      ? stem + stem.slice(-1)
      : stem.replace(/e([^aeiouy]+)$/, "è$1");
  const weak = open.replace(/y$/, "i");
  return weak + ["es", "", "e", "ent"][col];
}

/** Infinitive and column of a conjugated French form: "fait" → faire, 3s; "aimes" → aimer, 2s. */
function frAnalyse(
  form: string,
): { infinitive: string; col: number; tense: "present" | "imperfect" | "future" } | null {
  for (const [infinitive, forms] of Object.entries(frIrregular)) {
    const col = forms.indexOf(form);
    if (col >= 0) return { infinitive, col, tense: "present" };
  }
  for (const infinitive of frSecondGroup) {
    const col = ["s", "ssez", "t", "ssent"].map((e) => infinitive.slice(0, -1) + e).indexOf(form);
    if (col >= 0) return { infinitive, col, tense: "present" };
  }
  const imperfect = /^(.+?)(ais|iez|ait|aient)$/.exec(form);
  if (imperfect)
    return {
      infinitive: imperfect[1]!,
      col: ["ais", "iez", "ait", "aient"].indexOf(imperfect[2]!),
      tense: "imperfect",
    };
  const future = /^(.{3,}r)(as|ez|a|ont)$/.exec(form);
  if (future && !/(er|ir)$/.test(form))
    return { infinitive: future[1]!, col: ["as", "ez", "a", "ont"].indexOf(future[2]!), tense: "future" };
  const regular = /^(.+?)(es|ez|e|ent)$/.exec(form);
  if (regular) {
    const stem = regular[1]!
      .replace(/è([^aeiouy]+)$/, "e$1")
      .replace(/(ll|tt)$/, (m) => m[0]!)
      .replace(/i$/, (i) => (/[aou]i$/.test(regular[1]!) ? "y" : i));
    return { infinitive: `${stem}er`, col: ["es", "ez", "e", "ent"].indexOf(regular[2]!), tense: "present" };
  }
  return null;
}

function frConjugate(form: string, col: number): string {
  const found = frAnalyse(form);
  if (!found) return form;
  if (found.tense === "imperfect") return found.infinitive + ["ais", "iez", "ait", "aient"][col];
  if (found.tense === "future") return found.infinitive + ["as", "ez", "a", "ont"][col];
  return frPresent(found.infinitive, col);
}

// ---------------------------------------------------------------------------------------------
// English verbs: only the present changes with the person.

const enIrregular: [string, string][] = [
  ["are", "is"],
  ["have", "has"],
  ["do", "does"],
  ["go", "goes"],
  ["were", "was"],
  ["aren't", "isn't"],
  ["weren't", "wasn't"],
  ["don't", "doesn't"],
  ["haven't", "hasn't"],
];

function enThird(base: string): string {
  const irregular = enIrregular.find(([b]) => b === base);
  if (irregular) return irregular[1];
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
  if (/(ch|sh|s|x|z|o)$/.test(base)) return `${base}es`;
  return `${base}s`;
}

function enBase(third: string): string {
  const irregular = enIrregular.find(([, t]) => t === third);
  if (irregular) return irregular[0];
  if (/[^aeiou]ies$/.test(third)) return `${third.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes|zzes|oes)$/.test(third)) return third.slice(0, -2);
  return third.replace(/s$/, "");
}

/** Known third-person verbs; other -s words count as verbs only before an object. */
const enVerbs3 = new Set(
  (
    "loves likes adores enjoys hates plays makes bakes cooks sings dances runs reads writes paints draws knows collects watches tells " +
    "laughs hums snores talks calls drives rides swims surfs climbs hikes skis grows builds fixes speaks works lives keeps gives " +
    "takes brings wears eats drinks forgets remembers wins falls dreams travels teaches studies carries tries cries worries does " +
    "goes has is was knits sews gardens fishes jogs bikes cycles walks sleeps wakes smiles lights dreams organises organizes " +
    "volunteers coaches trains teaches sends texts hugs believes listens loses says thinks spends shares finds leaves dresses " +
    "feeds rescues saves cares tells makes wants needs gets puts"
  ).split(" "),
);
const enPast = new Set(
  (
    "was were had did made took taught met went got gave won ran sang wrote drew drove rode swam grew built found left came saw told " +
    "bought brought caught fell felt flew forgot kept knew lost paid read said sent slept spent stood thought understood wore became began " +
    "held led fought lent lit meant quit rang sat sold shot shut spoke stole struck swore threw woke"
  ).split(" "),
);
const enModals = new Set("can could will would should might must may used".split(" "));
const enAdverbs = new Set(
  "always never still often usually sometimes really just also even already actually secretly totally".split(" "),
);
const enObjectStarts = new Set(
  "the a an her his their my our your me us them it this that these those every all to with some each more so too up out like everything everyone anything".split(
    " ",
  ),
);

// ---------------------------------------------------------------------------------------------
// Details: "elle fait du surf", "adore les crêpes au caramel", "she loves banana bread", "plays the
// guitar" are parsed into who does it and the verb phrase, then said again for the song's person.

export type Tense = "present" | "past";

export type Detail =
  /** The recipient does something: subject left out, verb conjugated for the person. */
  | { kind: "clause"; tense: Tense; words: string[]; verbAt: number; from: number; source: string }
  /** Someone else does (I, we, our dog…): kept, but words for the recipient follow the person. */
  | { kind: "other"; tense: Tense; text: string; source: string }
  /** A thing or a moment ("our trip to Rome", "banana bread"), quoted in a frame. */
  | { kind: "noun"; text: string; source: string };

const frSubject3 = new Set(["elle", "il"]);
const frSubject3p = new Set(["elles", "ils"]);
const frClitics = new Set([
  "ne",
  "n'",
  "se",
  "s'",
  "te",
  "t'",
  "vous",
  "nous",
  "me",
  "m'",
  "le",
  "la",
  "l'",
  "les",
  "lui",
  "leur",
  "y",
  "en",
]);
const frOtherSubjects = new Set(["je", "j'", "on", "nous", "c'", "ça", "cela"]);
const frVerbStarts = new Set(
  (
    "adore aime déteste fait joue chante danse cuisine mange rêve collectionne dessine peint nage voyage parle raconte écoute regarde " +
    "prépare fabrique répare bricole jardine court marche travaille étudie habite rigole oublie perd ronfle porte conduit lit écrit boit " +
    "va est a sait peut connaît vit part sort dort prend met dit rit sourit tricote coud pêche grimpe skie chine organise garde " +
    "adorait aimait faisait jouait chantait dansait était avait allait passe passait fabriquait préparait racontait lisait " +
    "collectionnait cuisinait"
  ).split(" "),
);
const frNounAfterVerb = new Set(
  "le la les l' un une des du de d' au aux ses son sa mes mon ma nos notre tout tous toujours très trop bien jamais souvent comme".split(
    " ",
  ),
);
const frDeterminers = new Set(
  "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs le la les l' un une des du ce cet cette ces chaque".split(
    " ",
  ),
);
const frAuxiliary = /^(a|as|avez|ont|est|es|êtes|sont|avait|avais|aviez|était|étais|étiez)$/;
const frParticiple = /(é|ée|és|ées|i|ie|is|u|ue|us|it|ert|int|ait)$/;

/** "elle a appris", "il lisait" tell the past; "elle a deux chats", "il fait du vélo" the present. */
function frTense(lower: string[], verbAt: number): Tense {
  const verb = lower[verbAt]!;
  if (frAuxiliary.test(verb) && frParticiple.test(lower[verbAt + 1] ?? "")) return "past";
  return frAnalyse(verb)?.tense === "imperfect" ? "past" : "present";
}

/** Words, with French elided articles kept apart: "l'été" → "l'", "été". */
function tokenize(text: string): string[] {
  return text
    .replace(/’/g, "'")
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => {
      const m = /^((?:[jlmntsdc]|qu|jusqu|lorsqu|puisqu)')(.+)$/i.exec(w);
      return m ? [m[1]!, m[2]!] : [w];
    });
}

/** Words that make a phrase a sentence about something else ("son chat s'appelle Moustache", "her dog is called Rex"). */
const frCopulas = new Set([
  "est",
  "était",
  "a",
  "avait",
  "sont",
  "ont",
  "s'",
  "se",
  "fait",
  "faisait",
  "aime",
  "adore",
  "vit",
]);
const enCopulas = new Set(["is", "was", "are", "were", "has", "had", "loves", "lives", "makes"]);

function nounOrOther(source: string, lower: string[], verbs: Set<string>): Detail {
  // The verb of a sentence comes early; one after "when"/"quand" belongs to a noun's own clause ("your soup when I was sick").
  const subordinate = lower.findIndex((w) => /^(when|where|who|that|quand|où|qui|que|qu')$/.test(w));
  const verbAt = lower.findIndex((w, k) => k > 0 && k <= 3 && verbs.has(w));
  if (verbAt > 0 && (subordinate < 0 || verbAt < subordinate)) {
    const past = lower.some((w) => ["était", "avait", "was", "were", "had"].includes(w));
    return { kind: "other", tense: past ? "past" : "present", text: source, source };
  }
  return { kind: "noun", text: source, source };
}

function isName(word: string, names: string[]): boolean {
  return names.includes(word.toLowerCase());
}

export function parseDetail(source: string, language: Language, names: string[]): Detail {
  return language === "fr" ? parseFr(source, names) : parseEn(source, names);
}

function parseFr(source: string, names: string[]): Detail {
  const words = tokenize(source);
  const lower = words.map((w) => w.toLowerCase());
  const first = lower[0]!;
  let from: number;
  if (frSubject3.has(first) || frSubject3p.has(first) || first === "tu" || first === "vous" || isName(first, names)) {
    // "Marie et Paul se sont rencontrés": a couple's two names are one subject.
    from = lower[1] === "et" && isName(lower[2] ?? "", names) ? 3 : 1;
  } else if (frOtherSubjects.has(first)) {
    const at = lower.findIndex((w, k) => k > 0 && !frClitics.has(w));
    return { kind: "other", tense: at > 0 ? frTense(lower, at) : "present", text: source, source };
  } else if (frVerbStarts.has(first) && (lower.length === 1 || frNounAfterVerb.has(lower[1]!))) {
    from = 0;
  } else {
    return nounOrOther(source, lower, frCopulas);
  }
  let verbAt = from;
  while (verbAt < lower.length && frClitics.has(lower[verbAt]!)) verbAt++;
  if (verbAt >= lower.length || !frAnalyse(lower[verbAt]!)) return { kind: "noun", text: source, source };
  return { kind: "clause", tense: frTense(lower, verbAt), words, verbAt, from, source };
}

const enContractions: Record<string, string> = { s: "is", re: "are", ve: "have", ll: "will", d: "would" };

function parseEn(source: string, names: string[]): Detail {
  let words = source.replace(/’/g, "'").split(/\s+/).filter(Boolean);
  let lower = words.map((w) => w.toLowerCase());
  const first = lower[0]!;
  // "she's always late", "Marie's got a cat": the subject and its verb, apart.
  const contracted = /^(she|he|you|they|[\p{L}-]+)'(s|re|ve|ll|d)$/u.exec(first);
  if (
    contracted &&
    (["she", "he", "you", "they"].includes(contracted[1]!) ||
      (isName(contracted[1]!, names) && lower.length > 1 && enVerbLike(lower[1]!)))
  ) {
    const next = lower[1] ?? "";
    const verb =
      contracted[2] === "s" && /(ed|been|got|gotten|known|done|seen|taught|made)$/.test(next)
        ? "has"
        : enContractions[contracted[2]!]!;
    words = [contracted[1]!, verb, ...words.slice(1)];
    lower = words.map((w) => w.toLowerCase());
  }
  let i = 0;
  if (["she", "he", "you", "they"].includes(lower[0]!) || isName(lower[0]!, names)) {
    i = 1;
    if (lower[1] === "and" && isName(lower[2] ?? "", names)) i = 3;
  } else if (["i", "we", "i'm", "we're", "i've", "we've", "everyone", "everybody"].includes(lower[0]!)) {
    return {
      kind: "other",
      tense: enPast.has(lower[1] ?? "") || /ed$/.test(lower[1] ?? "") ? "past" : "present",
      text: source,
      source,
    };
  } else {
    let j = 0;
    while (j < lower.length - 1 && enAdverbs.has(lower[j]!)) j++;
    const w = lower[j]!;
    const verbStart =
      enVerbs3.has(w) ||
      enModals.has(w) ||
      enPast.has(w) ||
      /ed$/.test(w) ||
      (/[^s]s$/.test(w) && enObjectStarts.has(lower[j + 1] ?? ""));
    if (!verbStart) return nounOrOther(source, lower, enCopulas);
  }
  const from = i;
  let v = i;
  while (v < lower.length - 1 && enAdverbs.has(lower[v]!)) v++;
  if (v >= lower.length) return { kind: "noun", text: source, source };
  const verb = lower[v]!;
  const tense: Tense = enPast.has(verb) || /ed$/.test(verb) ? "past" : "present";
  return { kind: "clause", tense, words, verbAt: v, from, source };
}

function enVerbLike(word: string): boolean {
  return (
    enAdverbs.has(word) ||
    /(ed|ing)$/.test(word) ||
    ["been", "got", "a", "the", "so", "very", "not", "never"].includes(word)
  );
}

/** Words of a detail that refer to the recipient, said again for the song's person. */
function rePersonRest(words: string[], language: Language, person: Person, couple: boolean): string[] {
  const col = column(person);
  if (language === "fr") {
    return words.map((w, k) => {
      const lw = w.toLowerCase();
      const prev = words[k - 1]?.toLowerCase() ?? "";
      const possessive = couple
        ? { leur: "votre", leurs: "vos", son: "votre", sa: "votre", ses: "vos", ton: "votre", ta: "votre", tes: "vos" }[
            lw
          ]
        : {
            son: frTokens.ton![col],
            sa: frTokens.ta![col],
            ses: frTokens.tes![col],
            ton: frTokens.ton![col],
            ta: frTokens.ta![col],
            tes: frTokens.tes![col],
          }[lw];
      if (possessive) return matchCase(w, possessive!);
      const prepositions = ["avec", "pour", "chez", "sans", "contre", "à", "de", "comme", "que"];
      if (prepositions.includes(prev) && ["elle", "lui", "toi", "eux", "elles"].includes(lw))
        return couple ? "vous" : frTokens.toi![col]!;
      return w;
    });
  }
  return words.map((w, k) => {
    const lw = w.toLowerCase();
    const next = words[k + 1]?.toLowerCase() ?? "";
    const tail = [
      "",
      "and",
      "or",
      "to",
      "in",
      "on",
      "at",
      "with",
      "for",
      "from",
      "up",
      "out",
      "so",
      "every",
      "when",
      "again",
      "back",
      "too",
      "like",
    ];
    const possessiveHer = lw === "her" && !tail.includes(next) && !/[.,!]$/.test(w);
    if (lw === "his" || lw === "their" || lw === "your" || possessiveHer) return matchCase(w, enTokens.your![col]!);
    if (lw === "him" || lw === "them" || lw === "her" || lw === "you") return matchCase(w, enTokens["you~"]![col]!);
    if (["herself", "himself", "themselves", "yourself", "yourselves"].includes(lw))
      return enTokens.yourself![couple ? 1 : col]!;
    if (["hers", "theirs", "yours"].includes(lw)) return enTokens.yours![col]!;
    return w;
  });
}

const matchCase = (original: string, word: string): string =>
  original.charAt(0) === original.charAt(0).toUpperCase() && original.charAt(0) !== original.charAt(0).toLowerCase()
    ? capitalize(word)
    : word;

export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The detail said for the song's person, without a capital: "tu fais du surf chaque matin",
 * "she loves banana bread". `subject` replaces the pronoun (the name, in a song told about them).
 */
export function renderDetail(
  detail: Detail,
  language: Language,
  person: Person,
  couple: boolean,
  subject?: string,
): string {
  if (detail.kind !== "clause")
    return frFix(rePersonRest(detail.text.split(/\s+/), language, person, couple).join(" "), language);
  const col = column(person);
  const third = col >= 2 || subject !== undefined;
  const { words, verbAt, from } = detail;
  const before = words.slice(from, verbAt).map((w) => {
    const lw = w.toLowerCase();
    if (language === "fr" && ["se", "s'", "te", "t'"].includes(lw)) return third ? "se" : frTokens.se![col]!;
    return w;
  });
  const lw = words[verbAt]!.toLowerCase();
  let verb: string;
  if (language === "fr") verb = frConjugate(lw, third ? 2 : col);
  else if (lw === "was" || lw === "were") verb = third ? "was" : "were";
  else if (detail.tense === "present" && !enModals.has(lw)) verb = third ? enThird(enBase(lw)) : enBase(lw);
  else verb = words[verbAt]!;
  const pronoun = language === "fr" ? frTokens.tu![col]! : enTokens.you![col]!;
  const rest = rePersonRest(words.slice(verbAt + 1), language, person, couple);
  return frFix([subject ?? pronoun, ...before, verb, ...rest].join(" "), language);
}

// ---------------------------------------------------------------------------------------------
// Templates: bank lines write the recipient as tokens ({tu}, {ton}, {you}, {your}, {are}, {s})
// and French verbs as {v:infinitive}, so one line serves every point of view.

export function renderTemplate(template: string, language: Language, person: Person, name: string): string {
  const col = column(person);
  const text = template.replace(/\{([^}]+)\}/g, (whole, key: string) => {
    if (key === "name") return name;
    // Verbs have one form for "elle" and "il": the third column of their table.
    if (key.startsWith("v:")) return frPresent(key.slice(2), Math.min(col, 2));
    const table = language === "fr" ? frTokens : enTokens;
    const forms = table[key.toLowerCase()];
    if (!forms) return whole;
    return key.charAt(0) === key.charAt(0).toUpperCase() && /\p{L}/u.test(key.charAt(0))
      ? capitalize(forms[col]!)
      : forms[col]!;
  });
  return frFix(text, language);
}

/** The template's subject token at the start of a line, for lines that can take the name instead. */
export function namedTemplate(template: string, language: Language): string | null {
  if (language === "fr") return /^\{tu\} /i.test(template) ? template.replace(/^\{tu\}/i, "{name}") : null;
  if (/^\{you\} /i.test(template)) return template.replace(/^\{you\}/i, "{name}");
  if (/^\{you're\} /i.test(template)) return template.replace(/^\{you're\}/i, "{name} is");
  return null;
}

/** Words before which French drops an h's vowel ("le héros", not "l'héros"). */
const frAspiratedH =
  /^(h[ae]ut|héros|hâte|hibou|hockey|hamster|handball|hip|hall|hareng|haricot|hasard|hache|honte|huit)/i;
const frVowelStart = /^[aeiouyàâäéèêëîïôöùûüœæh]/i;

/** French spelling across words: elision ("que elle" → "qu'elle") and contractions ("à le" → "au"). */
export function frFix(text: string, language: Language): string {
  if (language !== "fr") return text;
  return text
    .replace(
      /(?<=^|\s)(à|de) (les|le) (?=\S)/gi,
      (whole, prep: string, article: string, offset: number, all: string) => {
        const next = all.slice(offset + whole.length);
        if (article.toLowerCase() === "le" && frVowelStart.test(next) && !frAspiratedH.test(next)) return whole;
        const plural = article.toLowerCase() === "les";
        const merged = prep.toLowerCase() === "de" ? (plural ? "des" : "du") : plural ? "aux" : "au";
        return `${prep.charAt(0) === prep.charAt(0).toUpperCase() ? capitalize(merged) : merged} `;
      },
    )
    .replace(
      /(?<=^|[\s«"(])(je|me|te|se|le|la|ne|de|que|ce|jusque|lorsque|puisque) (?=\S)/gi,
      (whole, word: string, offset: number, all: string) => {
        const next = all.slice(offset + whole.length);
        if (!frVowelStart.test(next) || frAspiratedH.test(next)) return whole;
        // "ce" elides only before "est"/"était" and friends.
        if (word.toLowerCase() === "ce" && !/^(est|était|es)\b/i.test(next)) return whole;
        return `${word.slice(0, -1)}'`;
      },
    )
    .replace(/\bsi (il|ils)\b/gi, (_w, p: string) => `s'${p}`)
    .replace(/'\s+/g, "'");
}

// ---------------------------------------------------------------------------------------------
// Who the recipient is: a gender when the form says it (a relationship, a detail's pronoun).

const frFeminine =
  /^(sœur|soeur|mère|maman|mamie|mamy|fille|femme|amie|tante|cousine|grand-mère|épouse|copine|marraine|nièce|chérie|compagne|belle-mère|belle-sœur|meilleure)/;
const frMasculine =
  /^(frère|père|papa|papi|papy|fils|mari|ami|oncle|cousin|grand-père|époux|copain|parrain|neveu|chéri|compagnon|beau-père|beau-frère|meilleur)\b/;
const enFeminine =
  /\b(sister|mother|mom|mum|mommy|mama|daughter|wife|girlfriend|aunt|auntie|grandma|grandmother|granny|nana|niece|godmother|fiancée|bride|girl|lady|queen)\b/;
const enMasculine =
  /\b(brother|father|dad|daddy|papa|son|husband|boyfriend|uncle|grandpa|grandfather|nephew|godfather|fiancé|groom|boy|guy|king)\b/;

export function genderOfRelationship(relationship: string, language: Language): Gender | null {
  const words = relationship.toLowerCase().replace(/’/g, "'").split(/\s+/);
  if (language === "fr") {
    const noun =
      words.find((w) => !frDeterminers.has(w) && w !== "petite" && w !== "petit" && w !== "grande" && w !== "grand") ??
      "";
    if (frFeminine.test(noun) || words.some((w) => ["ma", "sa", "ta"].includes(w))) return "f";
    if (frMasculine.test(noun)) return "m";
    return null;
  }
  const t = words.join(" ");
  if (enFeminine.test(t)) return "f";
  if (enMasculine.test(t)) return "m";
  return null;
}

/** The gender a detail's pronouns give ("elle fait du surf", "he taught me"), if any. */
export function genderOfDetail(detail: string, language: Language): Gender | null {
  const words = detail
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[\s']+/);
  const f = language === "fr" ? ["elle"] : ["she", "her", "herself"];
  const m = language === "fr" ? ["il", "lui"] : ["he", "him", "his", "himself"];
  if (words.some((w) => f.includes(w))) return "f";
  if (words.some((w) => m.includes(w))) return "m";
  return null;
}

/** Whether a detail speaks to the recipient ("tu nous lisais des histoires", "you studied"). */
export function addressesRecipient(detail: string, language: Language): boolean {
  const words = detail
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[\s']+/);
  return language === "fr"
    ? words.some((w) => ["tu", "toi", "ton", "ta", "tes", "t"].includes(w))
    : words.some((w) => ["you", "your", "yours"].includes(w));
}

/** "sœur" → "ma sœur", "sister" → "my sister"; a relationship given with its own determiner is kept. */
export function relationshipPhrase(relationship: string, language: Language): string {
  const text = relationship
    .replace(/[{}[\]<>]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/[\s.!;:,…]+$/, "")
    .trim();
  if (!text) return "";
  const first = text.split(" ")[0]!.toLowerCase();
  const lowered = text.charAt(0).toLowerCase() + text.slice(1);
  if (language === "fr") {
    if (frDeterminers.has(first) || /^l'/.test(first)) return lowered;
    if (/^(parents|grands-parents|enfants|amis|amies)$/.test(first)) return `mes ${lowered}`;
    if (frVowelStart.test(text) && !frAspiratedH.test(text)) return `mon ${lowered}`;
    return `${frFeminine.test(first) ? "ma" : "mon"} ${lowered}`;
  }
  if (/^(my|our|the|a|an|your)$/.test(first)) return lowered;
  return `my ${lowered}`;
}
