import { describe, expect, it } from "vitest";
import { composeLyrics, occasionOf } from "./compose";

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

describe("apostrophes", () => {
  const song = (language: "fr" | "en", relationship: string, details: string[]) =>
    composeLyrics(
      {
        occasion: language === "fr" ? "anniversaire" : "birthday",
        recipientName: "Marie",
        relationship,
        details,
        language,
        styleTags: ["pop"],
        mood: "joyful",
        vocal: "female",
        durationSeconds: 120,
      },
      1,
    );
  const curly = (text: string) => text.replace(/'/g, "’");

  it.each([
    ["en", "my sister", ["she doesn't like Mondays", "she's never on time"]],
    ["fr", "ma sœur", ["elle n'aime pas le lundi", "elle s'appelle Zoé depuis toujours"]],
  ] as const)(
    "%s: a detail typed on a phone (’) is sung as the same detail typed with ' is",
    (language, relationship, details) => {
      const straight = song(language, relationship, [...details]);
      expect(song(language, relationship, details.map(curly))).toEqual(straight);
    },
  );

  it("says a detail typed on a phone to the person it is about, in an English song sung to them", () => {
    const sung = song("en", "my sister", ["she doesn’t like Mondays"]).sections.flatMap((s) => s.lines);
    expect(sung.join("\n")).toMatch(/You don’t like Mondays/);
    expect(sung.join("\n")).not.toMatch(/she doesn’t/i);
  });

  it("shows and sings the typographic apostrophe, as the pages write it", () => {
    for (const language of ["fr", "en"] as const) {
      const lyrics = song(language, language === "fr" ? "mon amie" : "my friend", []);
      const text = [lyrics.title, ...lyrics.sections.flatMap((s) => s.lines)].join("\n");
      expect(text).toContain("’");
      expect(text).not.toContain("'");
    }
  });
});

describe("a person's words as people type them", () => {
  const song = (recipientName: string, details: string[], language: "fr" | "en" = "en") =>
    composeLyrics(
      {
        occasion: language === "fr" ? "anniversaire 🎂" : "birthday 🎂",
        recipientName,
        relationship: language === "fr" ? "mon ami" : "my friend",
        details,
        language,
        styleTags: ["pop"],
        mood: "joyful",
        vocal: "female",
        durationSeconds: 60,
      },
      1,
    );
  const text = (lyrics: ReturnType<typeof song>) =>
    [lyrics.title, ...lyrics.sections.flatMap((s) => s.lines)].join("\n");

  it("sings no emoji, which no singer says and the page would show", () => {
    const lyrics = text(song("Sam 💕", ["loves pizza 🍕", "🏄 surfs every morning", "🇫🇷 French at heart"]));
    expect(lyrics).not.toMatch(/\p{Extended_Pictographic}|\p{Regional_Indicator}/u);
    expect(lyrics).toMatch(/pizza/);
    expect(lyrics).toContain("Sam");
  });

  it("writes a name typed in lower case as a name", () => {
    expect(text(song("sam o'brien", []))).toContain("Sam O’Brien");
    expect(text(song("marie et paul", [], "fr"))).toContain("Marie et Paul");
    expect(text(song("jean-baptiste", [], "fr"))).toContain("Jean-Baptiste");
    // A name typed with capitals is the person's own spelling.
    expect(text(song("DeShawn", []))).toContain("DeShawn");
  });

  it("sings a detail's numbers in words", () => {
    const lyrics = text(song("Lou", ["elle a 3 chats", "rencontrés en 2015"], "fr"));
    expect(lyrics).toMatch(/trois chats|deux mille quinze/);
    expect(lyrics).not.toMatch(/\d/);
  });
});
