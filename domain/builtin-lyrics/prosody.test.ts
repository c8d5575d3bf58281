import { describe, expect, it } from "vitest";
import { countSyllables, lastWord, rhymeKey, rhymes } from "./prosody";

describe("prosody", () => {
  it("counts sung syllables in French and English", () => {
    expect(countSyllables("Joyeux anniversaire, Maëlys", "fr")).toBe(9);
    expect(countSyllables("Le monde est à toi maintenant", "fr")).toBe(8);
    expect(countSyllables("Zoé", "fr")).toBe(2);
    expect(countSyllables("We light the candles one by one", "en")).toBe(8);
    for (const [word, n] of [
      ["lovely", 2],
      ["sometimes", 2],
      ["grateful", 2],
      ["candles", 2],
      ["Olivia", 4],
      ["Liam", 2],
      ["special", 2],
      ["marriage", 2],
    ] as const) {
      expect(countSyllables(word, "en"), word).toBe(n);
    }
  });

  it("finds rhymes by sound, not spelling", () => {
    expect(rhymes("Voici le gâteau", "Il fait beau", "fr")).toBe(true);
    expect(rhymes("On est ensemble", "Tout tremble", "fr")).toBe(true);
    expect(rhymes("Doucement, le soir descend", "On prend le temps", "fr")).toBe(true);
    expect(rhymes("Happy birthday, dear Marie", "You mean the world to me", "en")).toBe(true);
    expect(rhymes("I believe", "Never leave", "en")).toBe(true);
    expect(rhymes("The day we loved", "The stars above", "en")).toBe(false);
    expect(rhymeKey("She smiled", "en")).toBe(rhymeKey("So mild", "en"));
    expect(rhymes("She loved", "My bed", "en")).toBe(false);
    expect(lastWord("Crois-moi !")).toBe("moi");
  });
});
