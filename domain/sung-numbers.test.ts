import { describe, expect, it } from "vitest";
import { ageInWords, numberInWords, numbersInWords } from "./sung-numbers";

describe("an age as a song sings it", () => {
  it.each([
    [2, "deux", "two"],
    [17, "dix-sept", "seventeen"],
    [21, "vingt et un", "twenty-one"],
    [30, "trente", "thirty"],
    [65, "soixante-cinq", "sixty-five"],
    [71, "soixante et onze", "seventy-one"],
    [77, "soixante-dix-sept", "seventy-seven"],
    [80, "quatre-vingts", "eighty"],
    [81, "quatre-vingt-un", "eighty-one"],
    [91, "quatre-vingt-onze", "ninety-one"],
    [99, "quatre-vingt-dix-neuf", "ninety-nine"],
    [100, "cent", "a hundred"],
    [104, "cent quatre", "a hundred and four"],
  ])("%i: %s, %s", (age, fr, en) => {
    expect(ageInWords(age, "fr")).toBe(fr);
    expect(ageInWords(age, "en")).toBe(en);
  });

  it("gives no words for what is not an age", () => {
    for (const age of [0, 121, 2.5, -3]) expect(ageInWords(age, "fr")).toBeNull();
  });
});

describe("numbers in a person's words, as a song sings them", () => {
  it.each([
    [0, "zéro", "zero"],
    [200, "deux cents", "two hundred"],
    [250, "deux cent cinquante", "two hundred and fifty"],
    [999, "neuf cent quatre-vingt-dix-neuf", "nine hundred and ninety-nine"],
    [1900, "mille neuf cents", "nineteen hundred"],
    [1905, "mille neuf cent cinq", "nineteen oh five"],
    [1990, "mille neuf cent quatre-vingt-dix", "nineteen ninety"],
    [2000, "deux mille", "two thousand"],
    [2005, "deux mille cinq", "two thousand and five"],
    [2015, "deux mille quinze", "twenty fifteen"],
    [2080, "deux mille quatre-vingts", "twenty eighty"],
  ])("%i: %s, %s", (n, fr, en) => {
    expect(numberInWords(n, "fr")).toBe(fr);
    expect(numberInWords(n, "en")).toBe(en);
  });

  it("has no words for what a singer would not say as one number", () => {
    for (const n of [1000, 1899, 2100, 12345, 2.5, -1]) expect(numberInWords(n, "en")).toBeNull();
  });

  it.each([
    ["fr", "elle a 3 chats et 2 chiens", "elle a trois chats et deux chiens"],
    ["fr", "rencontrés en 2015, à Lyon", "rencontrés en deux mille quinze, à Lyon"],
    ["fr", "le 14 juillet", "le quatorze juillet"],
    ["fr", "1 fois par an", "1 fois par an"],
    ["fr", "elle court 10km, 2,5 fois par semaine", "elle court 10km, 2,5 fois par semaine"],
    ["en", "we met in 2015", "we met in twenty fifteen"],
    ["en", "you drove me to the hospital at 3am", "you drove me to the hospital at 3am"],
    ["en", "1 dog and 12345 photos", "one dog and 12345 photos"],
  ] as const)("%s: %s", (language, text, sung) => {
    expect(numbersInWords(text, language)).toBe(sung);
  });
});
