import { describe, expect, it } from "vitest";
import { withLine } from "../../web/app/lib/lyric-edit";

const chorus = ["Here's to Tom, still going strong", "He's my husband and he's here to stay"];
const lyrics = {
  title: "Tom",
  sections: [
    { kind: "verse", lines: ["We met at a jazz bar in Lisbon", "He makes the whole world shine"] },
    { kind: "chorus", lines: chorus },
    { kind: "verse", lines: ["Tom cooks paella every Sunday", "He lights the sky in every way"] },
    { kind: "chorus", lines: chorus },
  ],
};

describe("a line changed in the lyrics to approve", () => {
  it("changes in every repeat of its chorus, so that the chorus is sung the same each time", () => {
    const edited = withLine(lyrics, 1, 0, "Here's to Tom, forever strong");
    expect(edited.sections[1]?.lines[0]).toBe("Here's to Tom, forever strong");
    expect(edited.sections[3]?.lines).toEqual(edited.sections[1]?.lines);
    expect(edited.sections[0]).toBe(lyrics.sections[0]);
    expect(edited.sections[2]).toBe(lyrics.sections[2]);
  });

  it("changes a later repeat alone, and leaves a repeat the person made different as it is", () => {
    const ownLastChorus = withLine(withLine(lyrics, 3, 1, "And he is here to stay"), 1, 0, "Here's to Tom");
    expect(ownLastChorus.sections[1]?.lines).toEqual(["Here's to Tom", chorus[1]]);
    expect(ownLastChorus.sections[3]?.lines).toEqual([chorus[0], "And he is here to stay"]);
  });

  it("changes only its own line in a section sung once", () => {
    const edited = withLine(lyrics, 0, 1, "He makes the world shine bright");
    expect(edited.sections[0]?.lines).toEqual(["We met at a jazz bar in Lisbon", "He makes the world shine bright"]);
    expect(edited.sections.slice(1)).toEqual(lyrics.sections.slice(1));
  });
});
