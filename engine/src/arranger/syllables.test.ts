import { describe, expect, it } from "vitest";
import { syllabifyLine, syllabifyLineForSinging, syllabifyWord } from "./syllables";

describe("French syllables", () => {
  it.each([
    ["amour", ["a", "mour"]],
    ["anniversaire", ["an", "ni", "ver", "saire"]],
    ["belle", ["belle"]],
    ["lumière", ["lu", "mière"]],
    ["chantent", ["chantent"]],
    ["moment", ["mo", "ment"]],
    ["tellement", ["telle", "ment"]],
    ["poésie", ["po", "é", "sie"]],
    ["idée", ["i", "dée"]],
    ["Noël", ["No", "ël"]],
    ["guitare", ["gui", "tare"]],
    ["aujourd'hui", ["au", "jour", "d'hui"]],
    ["l'amour", ["l'a", "mour"]],
    ["jusqu'à", ["jus", "qu'à"]],
    ["voyage", ["vo", "yage"]],
    ["joie", ["joie"]],
  ])("%s → %j", (word, expected) => {
    expect(syllabifyWord(word, "fr")).toEqual(expected);
  });

  it("drops the mute e of a line's words and keeps the spelling of each syllable", () => {
    const line = "Les enfants chantent sous la pluie";
    const syllables = syllabifyLine(line, "fr");
    expect(syllables).toEqual(["Les", "en", "fants", "chantent", "sous", "la", "pluie"]);
    expect(syllables.join("")).toBe(line.replace(/\s/g, ""));
  });

  it("splits hyphenated words and ignores punctuation", () => {
    expect(syllabifyLine("Peut-être, demain !", "fr")).toEqual(["Peut", "être", "de", "main"]);
  });
});

describe("English syllables", () => {
  it.each([
    ["love", ["love"]],
    ["happy", ["hap", "py"]],
    ["little", ["lit", "tle"]],
    ["table", ["ta", "ble"]],
    ["wanted", ["wan", "ted"]],
    ["played", ["played"]],
    ["kisses", ["kis", "ses"]],
    ["makes", ["makes"]],
    ["lonely", ["lone", "ly"]],
    ["beautiful", ["beau", "ti", "ful"]],
    ["being", ["be", "ing"]],
    ["every", ["ev", "ery"]],
    ["birthday", ["birth", "day"]],
  ])("%s → %j", (word, expected) => {
    expect(syllabifyWord(word, "en")).toEqual(expected);
  });

  it("counts a whole line", () => {
    expect(syllabifyLine("Happy birthday to you, my dear friend", "en")).toHaveLength(9);
  });
});

describe("numbers in lyrics a person wrote", () => {
  it("gives each word of a number its notes, as the singer says it", () => {
    expect(syllabifyLineForSinging("Depuis 2015", "fr")).toEqual(["De-", "puis", "deux", "mille", "quinze"]);
    expect(syllabifyLineForSinging("Back in 1999", "en")).toEqual(
      syllabifyLineForSinging("Back in nineteen ninety-nine", "en"),
    );
    // Numbers written into a word ("3am") keep the one note they had.
    expect(syllabifyLine("at 3am", "en")).toEqual(["at", "3am"]);
  });
});

describe("pronunciations", () => {
  it("replaces a word's syllables with the pronunciation's parts", () => {
    expect(syllabifyWord("Maëlys", "fr", { Maëlys: "ma-é-liss" })).toEqual(["ma", "é", "liss"]);
    expect(syllabifyLine("Joyeux anniversaire Maëlys !", "fr", { Maëlys: "ma-é-liss" })).toEqual([
      "Jo",
      "yeux",
      "an",
      "ni",
      "ver",
      "saire",
      "ma",
      "é",
      "liss",
    ]);
  });

  it("matches the word whatever its case, and through an elided article", () => {
    expect(syllabifyWord("MAËLYS", "fr", { Maëlys: "ma-é-liss" })).toEqual(["ma", "é", "liss"]);
    expect(syllabifyWord("d'Anaïs", "fr", { Anaïs: "a-na-iss" })).toEqual(["d'a", "na", "iss"]);
  });

  it("keeps a hyphenated name whole when it has a pronunciation", () => {
    expect(syllabifyLine("Bravo Jean-Pierre", "fr", { "Jean-Pierre": "jan-pièr" })).toEqual([
      "Bra",
      "vo",
      "jan",
      "pièr",
    ]);
  });
});

describe("syllables as the singer receives them", () => {
  it("marks the syllables that continue a word, so words are read whole", () => {
    expect(syllabifyLineForSinging("Joyeux anniversaire Maëlys !", "fr", { Maëlys: "ma-é-liss" })).toEqual([
      "Jo-",
      "yeux",
      "an-",
      "ni-",
      "ver-",
      "saire",
      "ma-",
      "é-",
      "liss",
    ]);
  });
});
