import { describe, expect, it } from "vitest";
import { alignSyllables, lineText } from "./align";
import { type Phone, syllabify } from "./syllables";

describe("lineText", () => {
  it("joins hyphenated syllables into words and notes where each syllable starts", () => {
    expect(lineText(["Joy-", "eux", "an-", "ni-", "ver-", "saire"])).toEqual({
      text: "Joyeux anniversaire",
      starts: [1, 4, 8, 10, 12, 15],
    });
  });

  it("reads trailing spaces as word ends", () => {
    expect(lineText(["Joy", "eux ", "an", "ni", "ver", "saire"]).text).toBe("Joyeux anniversaire");
  });

  it("reads unmarked syllables as words", () => {
    expect(lineText(["my", "dear", "friend"]).text).toBe("my dear friend");
  });

  it("counts accented letters as one position each and skips continuation notes", () => {
    expect(lineText(["Ma-", "ë-", "lys", "_", "No-", "ël"])).toEqual({
      text: "Maëlys Noël",
      starts: [1, 3, 4, null, 8, 10],
    });
  });
});

// A phone per letter of a toy IPA string, 0.1 s each, all in the word starting at `word`.
function phones(ipa: string, word: number, from: number): Phone[] {
  return Array.from(ipa, (symbol, i) => ({ ipa: symbol, start: from + i * 0.1, end: from + (i + 1) * 0.1, word }));
}

describe("alignSyllables", () => {
  it("matches syllables to notes word by word", () => {
    const said = syllabify([...phones("ʒwajøz", 1, 0), ...phones("anivɛʁsɛʁ", 8, 0.6)], true);
    const units = alignSyllables(said, lineText(["Joy-", "eux", "an-", "ni-", "ver-", "saire"]));
    expect(units.map((unit) => unit.notes)).toEqual([[0], [1], [2], [3], [4], [5]]);
  });

  it("carries the last syllable of a word over the notes espeak left without one (a dropped mute e)", () => {
    const said = syllabify(phones("anivɛʁsɛʁ", 1, 0), true);
    const units = alignSyllables(said, lineText(["an-", "ni-", "ver-", "sai-", "re"]));
    expect(units.map((unit) => unit.notes)).toEqual([[0], [1], [2], [3, 4]]);
  });

  it("keeps a continuation note with the syllable before it", () => {
    const said = syllabify([...phones("lʌv", 1, 0), ...phones("ju", 6, 0.3)], false);
    const units = alignSyllables(said, lineText(["lo-", "_", "ve", "you"]));
    expect(units.map((unit) => unit.notes)).toEqual([[0, 1, 2], [3]]);
    const word = alignSyllables(syllabify(phones("lʌvi", 1, 0), false), lineText(["lo-", "_", "vey"]));
    expect(word.map((unit) => unit.notes)).toEqual([[0, 1], [2]]);
  });

  it("merges syllables under the note whose letters they fall under when espeak says more than there are notes", () => {
    const said = syllabify(phones("maɛliz", 1, 0), true);
    const units = alignSyllables(said, lineText(["Maë-", "lys"]));
    expect(units.map((unit) => unit.syllables.map((s) => s.nucleus.ipa).join(""))).toEqual(["aɛ", "i"]);
  });

  it("links a French word's last consonant to a next word that starts with a vowel, not in English", () => {
    const line = [...phones("ʒwajøz", 1, 0), ...phones("ani", 8, 0.6)];
    expect(syllabify(line, true).map((s) => s.onset.map((p) => p.ipa).join(""))).toEqual(["ʒw", "j", "z", "n"]);
    expect(syllabify(line, false).map((s) => s.onset.map((p) => p.ipa).join(""))).toEqual(["ʒw", "j", "", "n"]);
  });
});
