import { describe, expect, it } from "vitest";
import { durationFits } from "./takes";

describe("a take's length against the order's", () => {
  const asked = {};
  it("holds an engine that is asked for a length to it, within 35 %", () => {
    expect(durationFits(asked, 60, 60)).toBe(true);
    expect(durationFits(asked, 60, 40)).toBe(true);
    expect(durationFits(asked, 60, 80)).toBe(true);
    expect(durationFits(asked, 60, 38)).toBe(false);
    expect(durationFits(asked, 60, 82)).toBe(false);
    expect(durationFits(asked, 240, 20)).toBe(false);
  });

  it("holds an engine that picks the length itself to its own range", () => {
    const suno = { ownLengthUpToSeconds: 480 };
    expect(durationFits(suno, 60, 3)).toBe(true);
    expect(durationFits(suno, 60, 200)).toBe(true);
    expect(durationFits(suno, 60, 900)).toBe(false);
  });

  it("refuses a take of no length, and lets one whose engine says nothing through", () => {
    expect(durationFits(asked, 60, 0)).toBe(false);
    expect(durationFits({ ownLengthUpToSeconds: 480 }, 60, -1)).toBe(false);
    expect(durationFits(asked, 60, undefined)).toBe(true);
  });
});
