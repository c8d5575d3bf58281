import { describe, expect, it } from "vitest";
import { arrange } from "../arranger/arrange";
import type { RenderRequest } from "../pipeline/contract";
import { type GroupJob, renderGroup, reverbSends, type SampledEvent } from "./band-group";
import { closeBandThreads } from "./band-threads";
import { bandJobs, renderBand } from "./render";
import { loadSoundBank } from "./soundbank";

const request: RenderRequest = {
  lyrics: null,
  styleTags: ["pop"],
  durationSeconds: 20,
  vocal: "instrumental",
  language: "en",
  seed: 3,
};

const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((total, v) => total + v * v, 0) / x.length);

describe("the band", () => {
  it("is the same samples rendered on two band threads as one group after the other on this thread", async () => {
    const arrangement = arrange(request, null);
    const threaded = await renderBand(arrangement, { sampleRate: 44100 });
    const inline = await renderBand(arrangement, { sampleRate: 44100, threads: false });
    for (const [a, b] of [
      [threaded.dry[0], inline.dry[0]],
      [threaded.dry[1], inline.dry[1]],
      [threaded.send, inline.send],
    ] as const) {
      expect(a.length).toBe(20 * 44100);
      expect(
        Buffer.compare(
          Buffer.from(a.buffer, a.byteOffset, a.byteLength),
          Buffer.from(b.buffer, b.byteOffset, b.byteLength),
        ),
      ).toBe(0);
    }
    expect(threaded.dry[0].reduce((peak, x) => Math.max(peak, Math.abs(x)), 0)).toBeGreaterThan(0.01);
  });

  it("renders the same samples on new band threads after the process let its threads go", async () => {
    const arrangement = arrange(request, null);
    const before = await renderBand(arrangement, { sampleRate: 44100 });
    await closeBandThreads();
    const after = await renderBand(arrangement, { sampleRate: 44100 });
    for (const [a, b] of [
      [before.dry[0], after.dry[0]],
      [before.send, after.send],
    ] as const)
      expect(
        Buffer.compare(
          Buffer.from(a.buffer, a.byteOffset, a.byteLength),
          Buffer.from(b.buffer, b.byteOffset, b.byteLength),
        ),
      ).toBe(0);
  });

  it("is the sum of its parts, each heard, when the parts share the band threads", async () => {
    const arrangement = arrange(request, null);
    const full = await renderBand(arrangement, { sampleRate: 44100 });
    const stems = (band: typeof full) => [...band.dry, band.send];
    const sum = stems(full).map((x) => new Float32Array(x.length));
    for (const part of arrangement.parts) {
      // The other parts play their notes at volume 0: the same blocks, voices and sample
      // hand-overs as in the whole band, with only this part heard.
      const alone = await renderBand(
        {
          ...arrangement,
          parts: arrangement.parts.map((p) => (p === part ? p : { ...p, instrument: { ...p.instrument, volume: 0 } })),
        },
        { sampleRate: 44100 },
      );
      expect(rmsDb(alone.dry[0]), part.name).toBeGreaterThan(-60);
      // Its reverb send, for each side at half: chords, pads and leads (even MIDI channels) send much
      // more than bass and drums (odd ones).
      const weight = part.channel % 2 === 0 ? reverbSends.melodic : reverbSends.rhythm;
      let along = 0;
      let power = 0;
      for (let n = 0; n < alone.send.length; n++) {
        const both = alone.dry[0][n]! + alone.dry[1][n]!;
        along += alone.send[n]! * both;
        power += both * both;
      }
      expect(along / power / (0.5 * weight), part.name).toBeCloseTo(1, 4);
      stems(alone).forEach((x, c) => {
        for (let n = 0; n < x.length; n++) sum[c]![n]! += x[n]!;
      });
    }
    stems(full).forEach((x, c) => {
      let worst = 0;
      for (let n = 0; n < x.length; n++) worst = Math.max(worst, Math.abs(x[n]! - sum[c]![n]!));
      expect(worst).toBeLessThan(1e-3);
    });
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

  it("plays every note of a chord denser than the 64 voice slots it starts with", async () => {
    const bank = await loadSoundBank();
    // A string ensemble (program 48, one voice per note) holding the given keys.
    const render = async (keys: number[]) => {
      const events: SampledEvent[] = [{ at: 0, channel: 0, type: "program", data1: 48, data2: 0 }];
      for (const key of keys) events.push({ at: 0, channel: 0, type: "noteOn", data1: key, data2: 100 });
      const job: GroupJob = { sampleRate: 44100, length: 22050, events, cuts: Int32Array.of(0) };
      const left = new Float32Array(job.length);
      for await (const { start, slice } of renderGroup(bank, job)) left.set(slice[0], start);
      return left;
    };
    const keys = Array.from({ length: 72 }, (_, i) => 24 + i);
    const dense = await render(keys);
    const low = await render(keys.slice(0, 36));
    const high = await render(keys.slice(36));
    // 72 voices at once sound as their two halves of 36 played apart: none is dropped.
    let worst = 0;
    for (let n = 0; n < dense.length; n++) worst = Math.max(worst, Math.abs(dense[n]! - low[n]! - high[n]!));
    expect(rmsDb(dense)).toBeGreaterThan(-40);
    expect(worst).toBeLessThan(1e-4);
  });
});
