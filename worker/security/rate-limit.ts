import { DurableObject } from "cloudflare:workers";
import { ApiError } from "../http/errors";

/** At most `count` requests in any `seconds`, bursts included; read from "count/seconds" settings by worker/config.ts. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One limiter per bucket (e.g. sign-in attempts from one IP). GCRA: a single timestamp (the theoretical
 * arrival time) per bucket, so the state is one number whatever the limit. It is kept in storage because
 * an idle object is evicted within minutes, which would reset an hourly limit. The alarm forgets it one
 * window after it stopped limiting anything (a full bucket is the same as none): a client that comes back
 * within a window, a busy account or an office behind one address, keeps its number instead of having the
 * object's storage created, and an alarm run and the storage deleted, between two of its requests.
 */
export class RateLimiter extends DurableObject<Env> {
  // The synchronous KV API keeps read-decide-write in one turn: no other request can interleave.
  take(rule: RateRule, now: number = Date.now()): Verdict {
    const interval = (rule.windowSeconds * 1000) / rule.limit;
    const tat = Math.max(this.ctx.storage.kv.get<number>("tat") ?? now, now) + interval;
    const allowedAt = tat - rule.windowSeconds * 1000;
    if (now < allowedAt) return { allowed: false, retryAfterSeconds: Math.ceil((allowedAt - now) / 1000) };
    const armed = this.ctx.storage.kv.get<number>("forgetAt") !== undefined;
    this.ctx.storage.kv.put("tat", tat);
    this.ctx.storage.kv.put("forgetAt", tat + rule.windowSeconds * 1000);
    // One alarm for the bucket's life: it moves itself on to `forgetAt` if that has moved meanwhile.
    if (!armed) void this.ctx.storage.setAlarm(tat + rule.windowSeconds * 1000);
    return { allowed: true };
  }

  override async alarm(): Promise<void> {
    const forgetAt = this.ctx.storage.kv.get<number>("forgetAt");
    if (forgetAt !== undefined && forgetAt > Date.now()) await this.ctx.storage.setAlarm(forgetAt);
    else await this.ctx.storage.deleteAll();
  }
}

/** Counts one request against a bucket; over the limit, a 429 that says when to come back. */
export async function rateLimit(env: Env, bucket: string, rule: RateRule, message: string): Promise<void> {
  const verdict = await env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(bucket)).take(rule);
  if (!verdict.allowed)
    throw new ApiError(
      "rate_limited",
      `${message}; retry in ${verdict.retryAfterSeconds} s`,
      undefined,
      { retryAfterSeconds: verdict.retryAfterSeconds },
      { "Retry-After": String(verdict.retryAfterSeconds) },
    );
}
