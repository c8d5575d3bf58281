import { z } from "@hono/zod-openapi";
import { type Currency, currencies } from "../../db";
import { config } from "../config";
import { log } from "../observability";

// Packs are configuration (BILLING_PACKS), not code: the pages, the checkout and the receipts read them here.

const packSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  credits: z.int().positive(),
  // Stripe's smallest charge is about 50 cents in both currencies.
  prices: z.object(Object.fromEntries(currencies.map((c) => [c, z.int().min(50)])) as Record<Currency, z.ZodInt>),
});
const packsSchema = z.array(packSchema).min(1);
export type Pack = z.infer<typeof packSchema>;

/** The song lengths a pack's worth is shown in. */
export const songLengths = [60, 120, 180] as const;

export interface Billing {
  packs: Pack[];
  secretKey: string;
  webhookSecret: string;
}

const parsed = new Map<string, Pack[] | null>();
function packsOf(text: string): Pack[] | null {
  if (!parsed.has(text)) {
    let packs: Pack[] | null = null;
    try {
      packs = packsSchema.parse(JSON.parse(text));
    } catch (err) {
      log("error", "BILLING_PACKS is not valid: billing is off", { error: err });
    }
    parsed.set(text, packs);
  }
  return parsed.get(text)!;
}

/** Billing is on only when Stripe's secrets and at least one valid pack are configured. */
export function billingConfig(env: Env): Billing | null {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET || !env.BILLING_PACKS) return null;
  const packs = packsOf(env.BILLING_PACKS);
  return packs ? { packs, secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET } : null;
}

/** How many songs of each length a number of credits makes, at the price every order pays (CREDITS_PER_SONG). */
export function songsFor(env: Env, credits: number) {
  const perSong = config(env).CREDITS_PER_SONG;
  return songLengths.map((durationSeconds) => ({ durationSeconds, songs: Math.floor(credits / perSong) }));
}
