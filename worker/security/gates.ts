import type { Context } from "hono";
import { sha256Hex } from "../auth";
import { config } from "../config";
import type { AppEnv } from "../http/context";
import { enforceDailyJobQuota } from "./quota";
import { type RateRule, rateLimit } from "./rate-limit";
import { TURNSTILE_HEADER, verifyTurnstile } from "./turnstile";

// Cloudflare sets CF-Connecting-IP on every request from the internet; callers without it (tests,
// tools calling the Worker directly) share one bucket.
const clientIp = (c: Context<AppEnv>) => c.req.header("cf-connecting-ip") ?? "unknown";

/** Password guessing is throttled both from one address and against one account. */
export async function admitSignIn(c: Context<AppEnv>, email: string): Promise<void> {
  await perAddressAndEmail(c, "signin", config(c.env).RATE_LIMIT_SIGNIN, email, "Too many sign-in attempts");
}

async function perAddressAndEmail(
  c: Context<AppEnv>,
  bucket: string,
  rule: RateRule,
  email: string,
  message: string,
): Promise<void> {
  const account = await sha256Hex(email.trim().toLowerCase());
  await Promise.all([
    rateLimit(c.env, `${bucket}:ip:${clientIp(c)}`, rule, message),
    rateLimit(c.env, `${bucket}:email:${account}`, rule, message),
  ]);
}

/** Each reset is an email sent to someone: asked for too often, it would flood their inbox. */
export async function admitPasswordReset(c: Context<AppEnv>, email: string): Promise<void> {
  await perAddressAndEmail(
    c,
    "reset",
    config(c.env).RATE_LIMIT_PASSWORD_RESET,
    email,
    "Too many password resets asked for",
  );
}

/** Each account comes with free credits: creating them in bulk is throttled per address and challenged. */
export async function admitSignUp(c: Context<AppEnv>): Promise<void> {
  await rateLimit(
    c.env,
    `signup:ip:${clientIp(c)}`,
    config(c.env).RATE_LIMIT_SIGNUP,
    "Too many accounts created from this address",
  );
  await verifyTurnstile(c.env, c.req.header(TURNSTILE_HEADER), c.req.header("cf-connecting-ip"));
}

/**
 * A new order is throttled, counted against the daily quota and challenged. `createJob` calls this only
 * for an Idempotency-Key not used yet, with the account's orders today it read with the key: a retry
 * creates nothing, so it passes untouched (its Turnstile token is spent).
 */
export async function admitOrder(c: Context<AppEnv>, user: { id: string }, ordersToday: number): Promise<void> {
  // Per account, and per address: one address cycling through fresh accounts is held back too.
  await Promise.all([
    rateLimit(c.env, `jobs:user:${user.id}`, config(c.env).RATE_LIMIT_JOBS, "Too many orders in a short time"),
    rateLimit(
      c.env,
      `jobs:ip:${clientIp(c)}`,
      config(c.env).RATE_LIMIT_JOBS_IP,
      "Too many orders from this address in a short time",
    ),
  ]);
  enforceDailyJobQuota(c.env, ordersToday);
  await verifyTurnstile(c.env, c.req.header(TURNSTILE_HEADER), c.req.header("cf-connecting-ip"));
}
