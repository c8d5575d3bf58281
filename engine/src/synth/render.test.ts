import { describe, expect, it } from "vitest";
import { arrange } from "../arranger/arrange";
import type { RenderRequest } from "../pipeline/contract";
import { bandJobs, renderBand } from "./render";

const request: RenderRequest = {
  lyrics: null,
  styleTags: ["pop"],
  durationSeconds: 20,
  vocal: "instrumental",
  language: "en",
  seed: 3,
};

describe("the band", () => {
  it("is the same samples rendered on two band threads as one group after the other on this thread", async () => {
    const arrangement = arrange(request, null);
    const threaded = await renderBand(arrangement, { sampleRate: 44100 });
    const inline = await renderBand(arrangement, { sampleRate: 44100, threads: false });
    for (const [a, b] of [
      [threaded.melodic[0], inline.melodic[0]],
      [threaded.melodic[1], inline.melodic[1]],
      [threaded.rhythm[0], inline.rhythm[0]],
      [threaded.rhythm[1], inline.rhythm[1]],
    ] as const) {
      expect(a.length).toBe(20 * 44100);
      expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
    }
    expect(threaded.melodic[0].reduce((peak, x) => Math.max(peak, Math.abs(x)), 0)).toBeGreaterThan(0.01);
  });

  it("splits the channels into two groups that share every block boundary", () => {
    const [a, b] = bandJobs(arrange(request, null), 44100);
    const channels = (job: typeof a) => new Set(job.events.map((e) => e.channel));
    expect([...channels(a)].some((c) => channels(b).has(c))).toBe(false);
    expect(channels(a).size).toBeGreaterThan(0);
    expect(channels(b).size).toBeGreaterThan(0);
    expect(a.cuts).toEqual(b.cuts);
    for (const e of [...a.events, ...b.events]) expect(a.cuts).toContain(e.at);
  });
});
