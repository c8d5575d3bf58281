import { describe, expect, it } from "vitest";
import { parseLyricsText } from "./lyrics-text";

describe("lyrics typed by a person", () => {
  it("reads French section tags as the order form asks for them", () => {
    const lyrics = parseLyricsText(
      "[Couplet 1]\nTu ris de tout\nMême le lundi\n\n[Refrain]\nJoyeux anniversaire\n\n[Pont]\nEt demain encore",
      "Pour Marie",
    );
    expect(lyrics.sections.map((s) => s.kind)).toEqual(["verse", "chorus", "bridge"]);
    expect(lyrics.sections[0]?.lines).toEqual(["Tu ris de tout", "Même le lundi"]);
  });

  it("reads every section as the French pages name it", () => {
    const text = ["Intro", "Couplet", "Pré-refrain", "Refrain", "Pont", "Final"].map((tag) => `[${tag}]\nla la`);
    expect(parseLyricsText(text.join("\n\n"), "t").sections.map((s) => s.kind)).toEqual([
      "intro",
      "verse",
      "pre-chorus",
      "chorus",
      "bridge",
      "outro",
    ]);
  });

  it("keeps no emoji, which would be shown and never sung: a line of emoji only is no line", () => {
    const lyrics = parseLyricsText("[Refrain]\nJoyeux anniversaire 🎂🎉 Marie\n🎈🎈\nOn t’aime 👍🏽 fort 🇫🇷", "t");
    expect(lyrics.sections[0]?.lines).toEqual(["Joyeux anniversaire Marie", "On t’aime fort"]);
  });

  it("splits untagged text into verses on blank lines", () => {
    const lyrics = parseLyricsText("one\ntwo\n\nthree", "t");
    expect(lyrics.sections).toEqual([
      { kind: "verse", lines: ["one", "two"] },
      { kind: "verse", lines: ["three"] },
    ]);
  });
});
