import { describe, expect, it } from "vitest";
import { parseProgression } from "./harmony";
import { moodFamilies, moodOf, progressionsFor, resolveStyle, styleIds, styleOfTag, styles } from "./styles";

describe("style tags", () => {
  it.each([
    ["pop", "pop"],
    ["Pop", "pop"],
    ["variété", "pop"],
    ["rock", "rock"],
    ["pop rock", "rock"],
    ["acoustique", "folk"],
    ["acoustic", "folk"],
    ["folk", "folk"],
    ["guitare feu de camp", "folk"],
    ["électro", "electronic"],
    ["electro", "electronic"],
    ["dance", "electronic"],
    ["house", "electronic"],
    ["rap", "hiphop"],
    ["rap français", "hiphop"],
    ["hip-hop", "hiphop"],
    ["Hip Hop", "hiphop"],
    ["ballade", "ballad"],
    ["ballad", "ballad"],
    ["piano-voix", "ballad"],
    ["jazz", "jazz"],
    ["lounge", "jazz"],
    ["chanson française", "chanson"],
    ["chanson", "chanson"],
    ["musette", "chanson"],
    ["valse", "chanson"],
    ["comptine", "children"],
    ["kids", "children"],
    ["chanson pour enfants", "children"],
  ])("%s → %s", (tag, style) => {
    expect(styleOfTag(tag)).toBe(style);
  });

  it("maps every tag to a style that exists, pop when none is recognised", () => {
    for (const tag of [
      "pop",
      "rock",
      "folk",
      "électro",
      "rap",
      "ballade",
      "jazz",
      "chanson française",
      "comptine",
      "kids",
      "xyz",
    ]) {
      expect(styleIds).toContain(resolveStyle([tag]));
      expect(styles[resolveStyle([tag])].id).toBe(resolveStyle([tag]));
    }
    expect(resolveStyle([])).toBe("pop");
    expect(resolveStyle(["romantique", "zouk"])).toBe("pop");
  });

  it("does not read words inside other words", () => {
    expect(styleOfTag("rapide")).toBeNull();
    expect(styleOfTag("trapèze")).toBeNull();
  });

  it("takes the first tag that names a style", () => {
    expect(resolveStyle(["joyeux", "rock", "jazz"])).toBe("rock");
  });
});

describe("moods", () => {
  it.each([
    ["joyful", "bright"],
    ["joyeux", "bright"],
    ["happy", "bright"],
    ["nostalgique", "sad"],
    ["mélancolique", "sad"],
    ["sad", "sad"],
    ["romantique", "romantic"],
    ["tender", "romantic"],
    ["énergique", "energetic"],
    ["calme", "calm"],
  ])("%s → %s", (mood, family) => {
    expect(moodOf(mood)).toBe(family);
  });
});

describe("style definitions", () => {
  it.each(styleIds)("%s has four energy levels, a playable tempo range and drums on a kit", (id) => {
    const style = styles[id];
    expect(style.levels).toHaveLength(4);
    expect(style.tempo[0]).toBeLessThan(style.tempo[1]);
    const stepsPerBar = style.beatsPerBar * 4;
    for (const layer of style.levels) {
      for (const steps of Object.values(layer.drums ?? {})) expect((steps ?? "").length % stepsPerBar).toBe(0);
      if (layer.bass?.kind === "steps") expect(layer.bass.steps.length % stepsPerBar).toBe(0);
    }
    // The chorus is the fullest level.
    expect(Object.keys(style.levels[3].drums ?? {}).length).toBeGreaterThanOrEqual(
      Object.keys(style.levels[1].drums ?? {}).length,
    );
  });
});

describe("progressions", () => {
  it.each(styleIds)("%s's progressions all parse, for every mood", (id) => {
    const style = styles[id];
    for (const mood of moodFamilies) {
      const set = progressionsFor(style, style.moodOverride?.[mood] ?? mood);
      const key = { tonic: 0, mode: mood === "sad" ? ("minor" as const) : ("major" as const) };
      for (const progression of [...set.verse, ...set.chorus, ...set.prechorus, ...set.bridge, ...set.cadence]) {
        const spans = parseProgression(progression, key, style.beatsPerBar);
        expect(spans.length).toBeGreaterThan(0);
      }
    }
  });
});
