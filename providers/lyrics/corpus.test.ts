import { describe, expect, it } from "vitest";
import { composeLyrics } from "../../domain/builtin-lyrics/compose";
import { countSyllables, rhymes, sungLineSyllables } from "../../domain/builtin-lyrics/prosody";
import { songForm } from "../../domain/song-form";
import { syllabifyLine } from "../../engine/src/arranger/syllables";
import type { Lyrics, SongContext } from "../contract";

// The built-in writer against briefs as people write them: names with accents, hyphens, couples;
// relationships with or without "my"/"ma"; details as clauses about the recipient ("elle fait du
// surf"), clauses without a subject ("plays the guitar"), clauses spoken to them ("tu nous lisais
// des histoires"), about someone else ("son chat s'appelle Moustache") and bare noun phrases. Every
// draft is checked by rules written here, apart from the writer's own tables.

type Who = "she" | "he" | "couple" | "unknown";

interface Brief {
  context: SongContext;
  who: Who;
}

const durations = [30, 60, 120, 180];

// ---------------------------------------------------------------------------------------------
// French briefs.

const frPeople: { name: string; who: Who; relationship?: string }[] = [
  { name: "Marie", who: "she", relationship: "ma sœur" },
  { name: "Maëlys", who: "she", relationship: "ma fille" },
  { name: "Jean-Baptiste", who: "he", relationship: "mon frère" },
  { name: "Zoé et Paul", who: "couple", relationship: "mes amis" },
  { name: "Inès", who: "unknown" },
  { name: "Héloïse", who: "she", relationship: "ma meilleure amie" },
  { name: "François", who: "he", relationship: "mon père" },
  { name: "Anne-Sophie et Jean-Baptiste", who: "couple" },
  { name: "Léo", who: "he", relationship: "mon fils" },
  { name: "Chloé", who: "she", relationship: "sœur" },
  { name: "Maximilien-Alexandre", who: "he", relationship: "mon meilleur ami" },
  { name: "Camille", who: "unknown", relationship: "mon amour" },
  { name: "Maman", who: "she", relationship: "ma mère" },
  { name: "Gaëlle", who: "she", relationship: "ma collègue" },
  { name: "Camille et Hugo", who: "couple", relationship: "mes parents" },
  { name: "Noël", who: "he", relationship: "mon grand-père" },
  { name: "Aurélien", who: "he", relationship: "mon mari" },
  { name: "Bérénice", who: "she", relationship: "ma grand-mère" },
  { name: "Kévin", who: "unknown", relationship: "mon collègue" },
];

const frOccasions = [
  "anniversaire",
  "mariage",
  "anniversaire de mariage",
  "Noël",
  "fête des mères",
  "diplôme",
  "amitié",
  "Saint-Valentin",
  "pour dire merci",
  "retraite",
  "naissance",
  "juste comme ça",
  "ses 40 ans",
];
const frMoods = ["joyeux", "tendre", "nostalgique", "drôle", "énergique", "calme", undefined];

const frDetails: Record<Who, string[]> = {
  she: [
    "elle fait du surf chaque matin",
    "adore les crêpes au caramel",
    "elle chante faux sous la douche",
    "ses blagues à la machine à café",
    "elle ne rate jamais un match",
    "elle a appris à nager à trente ans",
    "fait les meilleures lasagnes",
    "elle danse dans la cuisine",
    "elle parle à ses plantes",
    "elle lisait des romans sous la couette",
    "sa moto rouge",
    "elle prend toujours des photos",
  ],
  he: [
    "il fait du vélo le dimanche",
    "joue de la guitare",
    "il s'endort devant la télé",
    "il cuisine des pâtes pour tout le monde",
    "il collectionne les vinyles",
    "il arrive toujours en retard",
    "son vieux pull bleu",
    "il m'a appris à faire du vélo",
    "aime le jazz",
    "il jardine tous les week-ends",
    "il racontait des histoires le soir",
  ],
  couple: [
    "ils se sont rencontrés à Lyon",
    "leur chien Biscuit",
    "vous adorez voyager",
    "ils dansent dans le salon",
    "leur maison à la campagne",
  ],
  unknown: [
    "tu nous lisais des histoires le soir",
    "ton gâteau au chocolat",
    "tu ris de tout",
    "tu m'as appris à faire du vélo",
    "ta vieille voiture jaune",
  ],
};
const frShared = [
  "notre voyage à Lisbonne",
  "son chat s'appelle Moustache",
  "nos vacances en Bretagne",
  "le camping sous la pluie",
  "les dimanches chez mamie",
  "un été à Biarritz",
  "on a grandi ensemble",
  "nos fous rires",
];

// ---------------------------------------------------------------------------------------------
// English briefs.

const enPeople: { name: string; who: Who; relationship?: string }[] = [
  { name: "Siobhán", who: "she", relationship: "my sister" },
  { name: "Emma", who: "she", relationship: "my daughter" },
  { name: "Christopher", who: "he", relationship: "my brother" },
  { name: "Emma and Liam", who: "couple", relationship: "my best friends" },
  { name: "Zoë", who: "unknown" },
  { name: "Mary-Kate", who: "she", relationship: "best friend" },
  { name: "José", who: "he", relationship: "my dad" },
  { name: "Sam & Alex", who: "couple" },
  { name: "Liam", who: "he", relationship: "son" },
  { name: "Renée", who: "she", relationship: "sister" },
  { name: "Bartholomew", who: "he", relationship: "my husband" },
  { name: "Jordan", who: "unknown", relationship: "my love" },
  { name: "Mom", who: "she", relationship: "my mother" },
  { name: "Aoife", who: "she", relationship: "my colleague" },
  { name: "Mary-Kate and Christopher", who: "couple", relationship: "my parents" },
  { name: "Jean-Luc", who: "he", relationship: "my grandpa" },
  { name: "Anastasia", who: "she", relationship: "my wife" },
  { name: "Penelope", who: "she", relationship: "my grandmother" },
  { name: "Taylor", who: "unknown", relationship: "my coworker" },
];

const enOccasions = [
  "birthday",
  "wedding",
  "wedding anniversary",
  "Christmas",
  "Mother's Day",
  "graduation",
  "friendship",
  "Valentine's Day",
  "to say thank you",
  "retirement",
  "new baby",
  "just because",
  "her 40th",
];
const enMoods = ["joyful", "tender", "nostalgic", "funny", "energetic", "calm", undefined];

const enDetails: Record<Who, string[]> = {
  she: [
    "she loves banana bread",
    "plays the guitar",
    "she's always late",
    "she surfs every morning",
    "makes the best pancakes",
    "she taught me to swim",
    "her terrible puns",
    "she always saves me the last slice",
    "she talks to her plants",
    "she burns every pancake",
    "her red bicycle",
  ],
  he: [
    "he taught me to ride a bike",
    "loves jazz records",
    "he falls asleep in front of the TV",
    "he fixes everything",
    "his old blue sweater",
    "he cooks pasta for everyone",
    "he's never on time",
    "always sings in the car",
    "he coached my football team",
  ],
  couple: [
    "they met at a bus stop in the rain",
    "their dog Biscuit",
    "you love road trips",
    "they dance in the kitchen",
    "their little house by the sea",
  ],
  unknown: [
    "you studied every night",
    "your soup when I was sick",
    "you make me laugh",
    "you drove me to the hospital",
    "your yellow car",
  ],
};
const enShared = [
  "our trip to Rome",
  "we met in kindergarten",
  "Sunday fishing trips",
  "the coffee machine in the library",
  "camping in the rain",
  "our first concert",
  "her cat is called Pickles".replace("her ", "the "),
  "late night karaoke",
];

function briefs(language: "fr" | "en"): Brief[] {
  const people = language === "fr" ? frPeople : enPeople;
  const occasions = language === "fr" ? frOccasions : enOccasions;
  const moods = language === "fr" ? frMoods : enMoods;
  const own = language === "fr" ? frDetails : enDetails;
  const shared = language === "fr" ? frShared : enShared;
  const list: Brief[] = [];
  for (let i = 0; i < 56; i++) {
    const person = people[i % people.length]!;
    const pool = [...own[person.who], ...shared];
    const count = i % 5;
    const details = Array.from({ length: count }, (_, k) => pool[(i * 3 + k * 7) % pool.length]!);
    const mood = moods[i % moods.length];
    list.push({
      who: person.who,
      context: {
        language,
        occasion: occasions[i % occasions.length]!,
        recipientName: person.name,
        ...(person.relationship && i % 7 !== 6 ? { relationship: person.relationship } : {}),
        details: [...new Set(details)],
        ...(mood ? { mood } : {}),
        styleTags: ["pop"],
        vocal: i % 2 ? "male" : "female",
        durationSeconds: durations[i % durations.length]!,
      },
    });
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// The rules, with word lists of their own.

const second = {
  fr: ["tu", "te", "t", "toi", "ton", "ta", "tes"],
  en: ["you", "your", "yours", "yourself", "you're", "you've", "you'll", "you'd"],
};
const secondPlural = ["vous", "votre", "vos"];
const third = {
  fr: ["elle", "il", "lui", "son", "sa", "ses", "ils", "elles", "leur", "leurs", "eux"],
  en: [
    "she",
    "her",
    "hers",
    "herself",
    "he",
    "him",
    "his",
    "himself",
    "she's",
    "he's",
    "she'll",
    "he'll",
    "she'd",
    "he'd",
  ],
};

function wordsOf(text: string, language: "fr" | "en"): string[] {
  const lower = text.toLowerCase().replace(/’/g, "'");
  // French splits "t'aime" into "t", "aime"; English keeps "you're" whole.
  return language === "fr" ? lower.split(/[^\p{L}-]+/u).filter(Boolean) : lower.split(/[^\p{L}']+/u).filter(Boolean);
}

/** The point of view the draft keeps; fails when it mixes two. */
function pointOfView(lyrics: Lyrics, language: "fr" | "en"): "addressed" | "about" | "none" {
  const words = new Set(lyrics.sections.flatMap((s) => s.lines.flatMap((l) => wordsOf(l, language))));
  const has = (list: string[]) => list.filter((w) => words.has(w));
  const you = [...has(second[language]), ...(language === "fr" ? has(secondPlural) : [])];
  const them = has(third[language]);
  expect(you.length === 0 || them.length === 0, `mixes ${you.join(",")} with ${them.join(",")}`).toBe(true);
  if (language === "fr") {
    expect(
      has(second.fr).length === 0 || has(secondPlural).length === 0,
      `mixes tu and vous: ${[...has(second.fr), ...has(secondPlural)].join(",")}`,
    ).toBe(true);
  }
  return you.length > 0 ? "addressed" : them.length > 0 ? "about" : "none";
}

const frVerbStarts = /^(adore|joue|fait|aime)\b/;
const enVerbStarts = /^(plays|makes|loves|always)\b/;
const subjectPronoun = { fr: /^(elle|il|ils|tu|vous)\b/, en: /^(she|he|they|you|she's|he's)\b/ };

/** The detail's last word (its object), as any rewriting keeps it: "caramel", "guitar", "Moustache". */
function anchor(detail: string): string {
  return detail
    .toLowerCase()
    .split(/\s+/)
    .at(-1)!
    .replace(/(es|s|e)$/, "");
}

const enBase = [
  "are",
  "have",
  "do",
  "were",
  "don't",
  "love",
  "play",
  "make",
  "fix",
  "surf",
  "cook",
  "sing",
  "fall",
  "burn",
  "save",
  "talk",
  "mean",
  "light",
];
const enThird = [
  "is",
  "has",
  "does",
  "was",
  "doesn't",
  "loves",
  "plays",
  "makes",
  "fixes",
  "surfs",
  "cooks",
  "sings",
  "falls",
  "burns",
  "saves",
  "talks",
  "means",
  "lights",
];
const enAdverbs = "(?:always |never |still |really |also |just )*";

/** Subject and verb agree: "tu fais", "vous faites", "elle fait", "she loves", "you love". */
function agreementErrors(line: string, language: "fr" | "en"): string[] {
  const lower = line.toLowerCase().replace(/’/g, "'");
  const errors: string[] = [];
  if (language === "fr") {
    const clitics = "(?:ne |n'|te |t'|se |s'|nous |vous |me |m'|l'|la |le |les |lui |y |en )*";
    for (const m of lower.matchAll(new RegExp(`(?:^|[^\\p{L}'])tu ${clitics}([\\p{L}]+)`, "gu")))
      if (!/[sx]$/.test(m[1]!)) errors.push(`tu ${m[1]}`);
    for (const m of lower.matchAll(new RegExp(`^vous ${clitics}([\\p{L}]+)`, "gu")))
      if (!/(ez|es)$/.test(m[1]!)) errors.push(`vous ${m[1]}`);
    for (const m of lower.matchAll(new RegExp(`(?:^|[^\\p{L}'])(?:il|elle) ${clitics}([\\p{L}]+)`, "gu"))) {
      // "ils donnent" is not "il donne"; "il vient" is.
      if (/([sxz]|ont|ons)$/.test(m[1]!) || (m[1]!.length >= 5 && /[^i]ent$/.test(m[1]!))) errors.push(m[0]);
    }
  } else {
    for (const m of lower.matchAll(new RegExp(`\\b(?:she|he) ${enAdverbs}(\\S+)`, "g")))
      if (enBase.includes(m[1]!)) errors.push(m[0]);
    for (const m of lower.matchAll(new RegExp(`(?:^|, )you ${enAdverbs}(\\S+)`, "g")))
      if (enThird.includes(m[1]!)) errors.push(m[0]);
  }
  return errors;
}

function coupletsRhyme(lines: string[], language: "fr" | "en"): boolean {
  if (lines.length === 4) {
    const [a, b, c, d] = lines as [string, string, string, string];
    return (rhymes(a, b, language) && rhymes(c, d, language)) || (rhymes(a, c, language) && rhymes(b, d, language));
  }
  for (let i = 0; i + 1 < lines.length; i += 2) if (!rhymes(lines[i]!, lines[i + 1]!, language)) return false;
  return lines.length % 2 === 0 || rhymes(lines.at(-1)!, lines.at(-2)!, language);
}

for (const language of ["fr", "en"] as const) {
  describe(`builtin lyrics corpus (${language})`, () => {
    const corpus = briefs(language);

    it("has at least 50 varied briefs", () => {
      expect(corpus.length).toBeGreaterThanOrEqual(50);
      expect(new Set(corpus.map((b) => b.context.durationSeconds))).toEqual(new Set(durations));
      expect(corpus.filter((b) => b.who === "couple").length).toBeGreaterThanOrEqual(6);
      expect(corpus.filter((b) => b.context.details.length >= 3).length).toBeGreaterThanOrEqual(15);
    });

    for (const [index, { context, who }] of corpus.entries()) {
      const label = `#${index} ${context.recipientName}, ${context.occasion}, ${context.relationship ?? "-"}, ${context.durationSeconds}s, ${context.details.length} details`;
      it(label, () => {
        for (const seed of [0, 1]) {
          const lyrics = composeLyrics(context, seed);
          const text = lyrics.sections.map((s) => `[${s.kind}]\n${s.lines.join("\n")}`).join("\n");
          const lower = text.toLowerCase();

          // Exactly the form of the chosen length.
          expect(
            lyrics.sections.map((s) => ({ kind: s.kind, lines: s.lines.length })),
            text,
          ).toEqual(songForm(context.durationSeconds));

          // One point of view; a couple is spoken to, as "vous" in French.
          const view = pointOfView(lyrics, language);
          if (who === "couple") {
            expect(view, text).toBe("addressed");
            if (language === "fr")
              expect(
                wordsOf(text, "fr").some((w) => second.fr.includes(w)),
                text,
              ).toBe(false);
          }
          // Nothing says who they are (a mother's day song says she is a mother): they are spoken to.
          if (who === "unknown" && !/mères|mother/i.test(context.occasion)) expect(view, text).not.toBe("about");

          // The name in every chorus; the relationship, when given, somewhere in the song.
          for (const chorus of lyrics.sections.filter((s) => s.kind === "chorus"))
            expect(chorus.lines.join(" "), text).toContain(context.recipientName);
          if (context.relationship)
            expect(lower, text).toContain(context.relationship.toLowerCase().split(/\s+/).at(-1)!);

          // Details: as many as the verses have couplets for, each said again as a line of this song.
          // A relationship the chorus could not carry takes a couplet of the first verse.
          const chorusText = lyrics.sections
            .find((s) => s.kind === "chorus")!
            .lines.join(" ")
            .toLowerCase();
          const relationshipInVerse =
            context.relationship && !chorusText.includes(context.relationship.toLowerCase().split(/\s+/).at(-1)!)
              ? 1
              : 0;
          const slots =
            lyrics.sections.filter((s) => s.kind === "verse").reduce((n, s) => n + Math.floor(s.lines.length / 2), 0) -
            relationshipInVerse;
          const lines = lyrics.sections.flatMap((s) => s.lines);
          const present = context.details.filter((d) => lines.some((l) => l.toLowerCase().includes(anchor(d))));
          expect(present.length, `${text}\n${context.details.join(" / ")}`).toBeGreaterThanOrEqual(
            Math.min(context.details.length, slots),
          );
          for (const detail of present) {
            const line = lines.find((l) => l.toLowerCase().includes(anchor(detail)))!;
            const raw = detail.toLowerCase();
            const lowerLine = line.toLowerCase();
            // A clause without its subject gets one: "adore les crêpes" → "tu adores les crêpes" / "elle adore…".
            if ((language === "fr" ? frVerbStarts : enVerbStarts).test(raw)) {
              expect(
                lowerLine.startsWith(raw) ||
                  lowerLine.includes(`, ${raw}`) ||
                  lowerLine.includes(`and ${raw}`) ||
                  lowerLine.includes(`et ${raw}`),
                line,
              ).toBe(false);
            }
            // A clause about the recipient is said in the song's person: its pronoun only stays when it is the song's own.
            const pronoun = subjectPronoun[language].exec(raw)?.[0];
            if (pronoun && lowerLine.includes(raw)) {
              const pronounView =
                second[language].includes(pronoun) ||
                secondPlural.includes(pronoun) ||
                pronoun === "they" ||
                pronoun === "ils"
                  ? "addressed"
                  : "about";
              if (pronoun !== "they" && pronoun !== "ils") expect(pronounView, line).toBe(view);
              else expect(lowerLine.includes(raw), line).toBe(false);
            }
          }

          // Every couplet rhymes; every line fits the notes of a sung line.
          for (const section of lyrics.sections)
            expect(coupletsRhyme(section.lines, language), `${section.kind}: ${section.lines.join(" / ")}`).toBe(true);
          for (const line of lines) {
            expect(agreementErrors(line, language), line).toEqual([]);
            const count = countSyllables(line, language);
            expect(count, line).toBeGreaterThanOrEqual(sungLineSyllables.min);
            expect(count, line).toBeLessThanOrEqual(sungLineSyllables.max);
            // The engine's own syllables (one note each) agree within one.
            const notes = syllabifyLine(line, language).length;
            expect(notes, line).toBeGreaterThanOrEqual(sungLineSyllables.min - 1);
            expect(notes, line).toBeLessThanOrEqual(sungLineSyllables.max + 1);
          }
          expect(composeLyrics(context, seed)).toEqual(lyrics);
        }
      });
    }
  });
}
