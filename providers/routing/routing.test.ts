import { describe, expect, it } from "vitest";
import { admits, type Circuit, closedCircuit, probing, recordOutcome, route, routingConfigSchema } from ".";

const config = (input: Parameters<typeof routingConfigSchema.parse>[0]) => routingConfigSchema.parse(input);
const everyone = () => true;
const users = (n: number) => Array.from({ length: n }, (_, i) => `usr_${i.toString(36)}_${(i * 2654435761) >>> 0}`);
const share = (routes: (string | undefined)[], provider: string) =>
  routes.filter((p) => p === provider).length / routes.length;

describe("routing", () => {
  it("honours arm weights within 2 points over 10,000 users", () => {
    const c = config({
      arms: [
        { provider: "suno", weight: 70 },
        { provider: "internal", weight: 20 },
        { provider: "mubert", weight: 10 },
      ],
    });
    const routes = users(10_000).map(
      (userId) => route(c, { userId, jobId: `job_${userId}`, available: everyone })?.provider,
    );
    expect(Math.abs(share(routes, "suno") - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(share(routes, "internal") - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(share(routes, "mubert") - 0.1)).toBeLessThan(0.02);
  });

  it("keeps each user on their arm, order after order", () => {
    const c = config({
      arms: [
        { provider: "suno", weight: 1 },
        { provider: "internal", weight: 1 },
      ],
    });
    for (const userId of users(200)) {
      const first = route(c, { userId, jobId: "job_a", available: everyone })!.provider;
      for (const jobId of ["job_b", "job_c", "job_d"])
        expect(route(c, { userId, jobId, available: everyone })!.provider).toBe(first);
    }
  });

  it("ramps a share of users to a new engine, and a wider ramp keeps those already in it", () => {
    const base = { arms: [{ provider: "suno", weight: 1 }] };
    const at = (percent: number) =>
      users(10_000).map(
        (userId) =>
          route(config({ ...base, ramp: { provider: "internal", percent } }), {
            userId,
            jobId: "j",
            available: everyone,
          })!.provider,
      );
    const five = at(5);
    const quarter = at(25);
    expect(Math.abs(share(five, "internal") - 0.05)).toBeLessThan(0.01);
    expect(Math.abs(share(quarter, "internal") - 0.25)).toBeLessThan(0.015);
    expect(share(at(100), "internal")).toBe(1);
    five.forEach((p, i) => p === "internal" && expect(quarter[i]).toBe("internal"));
  });

  it("obeys a per-job flag that forces an engine, and records the arm", () => {
    const c = config({ arms: [{ provider: "suno", weight: 1 }], failover: ["suno", "internal", "instrumental"] });
    expect(route(c, { userId: "u", jobId: "j", forced: "internal", available: everyone })).toEqual({
      provider: "internal",
      arm: "forced",
      chain: ["suno", "instrumental"],
    });
    expect(route(c, { userId: "u", jobId: "j", available: everyone })).toEqual({
      provider: "suno",
      arm: "arm:suno",
      chain: ["internal", "instrumental"],
    });
  });

  it("skips engines that are not available and falls back along the chain", () => {
    const c = config({ arms: [{ provider: "suno", weight: 1 }], failover: ["suno", "internal", "instrumental"] });
    const noSuno = (p: string) => p !== "suno";
    expect(route(c, { userId: "u", jobId: "j", available: noSuno })).toEqual({
      provider: "internal",
      arm: "failover",
      chain: ["instrumental"],
    });
    expect(route(c, { userId: "u", jobId: "j", available: () => false })).toBeNull();
  });

  it("sends a share of orders to a blind comparison of two engines", () => {
    const c = config({
      arms: [{ provider: "suno", weight: 1 }],
      blind: { providers: ["suno", "internal"], percent: 10 },
      failover: ["suno", "internal", "instrumental"],
    });
    const routes = Array.from(
      { length: 10_000 },
      (_, i) => route(c, { userId: "u", jobId: `job_${i}`, available: everyone })!,
    );
    expect(Math.abs(routes.filter((r) => r.arm === "blind").length / 10_000 - 0.1)).toBeLessThan(0.01);
    expect(routes.find((r) => r.arm === "blind")).toEqual({
      provider: "blind:suno+internal",
      arm: "blind",
      chain: ["instrumental"],
    });
  });

  it("forms a blind pair only from engines whose takes differ for the order", () => {
    const c = config({
      arms: [{ provider: "internal", weight: 1 }],
      blind: { providers: ["internal", "instrumental"], percent: 100 },
      failover: ["internal", "instrumental"],
    });
    // An instrumental order without Mubert: the instrumental fallback is our own engine without voice, as `internal` is.
    const renderer: Record<string, string> = { internal: "internal", instrumental: "internal" };
    const distinct = (a: string, b: string) => renderer[a] !== renderer[b];
    expect(route(c, { userId: "u", jobId: "j", available: everyone, distinct })).toMatchObject({
      provider: "internal",
      arm: "arm:internal",
    });
    expect(route(c, { userId: "u", jobId: "j", available: everyone, distinct: () => true })).toMatchObject({
      provider: "blind:internal+instrumental",
      arm: "blind",
    });
  });

  it("refuses a config whose arms all weigh nothing", () => {
    expect(routingConfigSchema.safeParse({ arms: [{ provider: "suno", weight: 0 }] }).success).toBe(false);
  });
});

describe("the circuit breaker", () => {
  const settings = routingConfigSchema.parse({ arms: [{ provider: "x", weight: 1 }] }).breaker;
  const feed = (circuit: Circuit, outcomes: boolean[], now: number) =>
    outcomes.reduce((c, ok) => recordOutcome(c, ok, now, settings), circuit);

  it("opens when the failure rate crosses the threshold, lets one probe through after the delay, and closes on success", () => {
    let c = feed(closedCircuit(), [true, true, false, false], 0);
    expect(c.state).toBe("closed");
    c = feed(c, [false], 0);
    expect(c.state).toBe("open");
    expect(admits(c, 1_000, settings)).toBe(false);
    expect(admits(c, settings.openSeconds * 1000, settings)).toBe(true);
    c = probing(c, settings.openSeconds * 1000);
    expect(admits(c, settings.openSeconds * 1000 + 1, settings)).toBe(false);
    c = recordOutcome(c, true, settings.openSeconds * 1000 + 5, settings);
    expect(c).toMatchObject({ state: "closed", openedAt: null });
  });

  it("opens again when the probe fails, and ignores late outcomes while open", () => {
    let c = feed(closedCircuit(), [false, false, false, false, false], 0);
    expect(c.state).toBe("open");
    c = recordOutcome(c, true, 10, settings);
    expect(c.state).toBe("open");
    c = probing(c, 60_000);
    c = recordOutcome(c, false, 60_001, settings);
    expect(c).toMatchObject({ state: "open", openedAt: 60_001 });
  });
});
