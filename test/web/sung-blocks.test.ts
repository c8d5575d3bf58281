import { describe, expect, it } from "vitest";
import { sungBlocks } from "../../web/app/lib/sung-blocks";

const lyrics = {
  title: "Pour Marie",
  sections: [
    { kind: "verse" as const, lines: ["Marie fait du surf chaque matin", "Elle nous fait tellement de bien"] },
    { kind: "chorus" as const, lines: ["Marie rend plus beaux tous nos jours", "Elle est ma sœur pour toujours"] },
  ],
};
const texts = (timings: Parameters<typeof sungBlocks>[1]) =>
  sungBlocks(lyrics, timings).flatMap((b) => b.lines.map((l) => l.text));

describe("the lines a take's page shows as sung", () => {
  it("are the lines the engine says it sang, in singing order, a chorus sung twice shown twice", () => {
    expect(
      texts([
        { section: 1, line: 0, startSec: 9, endSec: 11 },
        { section: 0, line: 0, startSec: 1, endSec: 3 },
        { section: 1, line: 0, startSec: 4, endSec: 6 },
      ]),
    ).toEqual([
      "Marie fait du surf chaque matin",
      "Marie rend plus beaux tous nos jours",
      "Marie rend plus beaux tous nos jours",
    ]);
  });

  it("are every line when the engine does not say, and none for an instrumental take", () => {
    expect(texts(null)).toHaveLength(4);
    expect(texts([])).toEqual([]);
  });
});
