import { describe, expect, it } from "vitest";
import { occasionOf } from "./compose";

describe("what a song is for, read from the words a person uses", () => {
  it.each([
    ["Les 30 ans de Marie, qui surfe à Biarritz", "birthday"],
    ["pour ses 40 ans", "birthday"],
    ["mes 18 ans", "birthday"],
    ["elle souffle ses bougies", "birthday"],
    ["anniversaire", "birthday"],
    ["her 40th", "birthday"],
    ["Tom's 18th", "birthday"],
    ["Dad is turning 60", "birthday"],
    ["birthday", "birthday"],
    ["nos 10 ans de mariage", "anniversary"],
    ["our 25th wedding anniversary", "anniversary"],
    ["20 ans ensemble", "anniversary"],
    ["pour nos 5 ans", "anniversary"],
    ["our 10th", "anniversary"],
    ["rencontrés il y a 3 ans, un voyage à Lisbonne", "generic"],
    ["our trip on May 3rd", "generic"],
    ["le mariage de Léa", "wedding"],
  ])("%s: %s", (occasion, kind) => {
    expect(occasionOf(occasion, "")).toBe(kind);
  });
});
