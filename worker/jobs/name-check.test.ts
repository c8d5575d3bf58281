import { describe, expect, it } from "vitest";
import { mentionsName } from "./name-check";

describe("the recipient's name in the lyrics", () => {
  it("is found whatever the accents and case", () => {
    expect(mentionsName("Joyeux anniversaire MAELYS !", "Maëlys")).toBe(true);
    expect(mentionsName("pour zoé, ma sœur", "Zoé")).toBe(true);
    expect(mentionsName("Happy birthday, Anne-Sophie", "Anne-Sophie")).toBe(true);
  });

  it("is a whole word, not part of another", () => {
    expect(mentionsName("Marietta danse", "Marie")).toBe(false);
    expect(mentionsName("Joyeux anniversaire à toi", "Marie")).toBe(false);
    expect(mentionsName("Ami, ami", "Ami 3")).toBe(false);
  });
});
