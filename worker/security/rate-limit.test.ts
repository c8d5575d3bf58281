import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { RateLimiter } from "./rate-limit";

const limiter = (bucket: string) => env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(bucket));
const take = (bucket: string, at: number, rule = { limit: 3, windowSeconds: 60 }) =>
  runInDurableObject(limiter(bucket), (instance: RateLimiter) => instance.take(rule, at));

describe("the rate limiter", () => {
  it("lets a burst of `count` through, then one more per window/count, and says when", async () => {
    const t0 = 1_800_000_000_000;
    for (let i = 0; i < 3; i++) expect(await take("burst", t0)).toEqual({ allowed: true });
    expect(await take("burst", t0)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(await take("burst", t0 + 19_000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await take("burst", t0 + 20_000)).toEqual({ allowed: true });
    expect(await take("burst", t0 + 20_000)).toMatchObject({ allowed: false });
    // A refused request costs nothing: after a full window the whole burst is back.
    for (let i = 0; i < 3; i++) expect(await take("burst", t0 + 80_000)).toEqual({ allowed: true });
  });

  it("keeps buckets apart", async () => {
    const t0 = 1_800_000_000_000;
    for (let i = 0; i < 3; i++) await take("one", t0);
    expect(await take("one", t0)).toMatchObject({ allowed: false });
    expect(await take("two", t0)).toEqual({ allowed: true });
  });

  it("forgets a bucket one window after it stops limiting anything, with one alarm however often it is used", async () => {
    const stored = () =>
      runInDurableObject(limiter("idle"), async (_: RateLimiter, state) => ({
        tat: state.storage.kv.get<number>("tat"),
        alarm: await state.storage.getAlarm(),
      }));
    const rule = { limit: 2, windowSeconds: 1 };
    await take("idle", Date.now(), rule);
    const first = await stored();
    expect(first.alarm).toBe(first.tat! + 1000);
    // A second request within the window moves the bucket on, not its alarm: the alarm moves itself when it runs.
    await take("idle", Date.now(), rule);
    const second = await stored();
    expect(second.tat).toBeGreaterThan(first.tat!);
    expect(second.alarm).toBe(first.alarm);
    for (let i = 0; i < 40 && (await stored()).tat !== undefined; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await stored()).toEqual({ tat: undefined, alarm: null });
    // Past the window the bucket was gone: not before.
    expect(Date.now()).toBeGreaterThanOrEqual(second.tat! + 1000);
  });
});
