import { describe, expect, it } from "vitest";
import { ageInWords } from "./numbers";

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
