import { eq } from "drizzle-orm";
import { billingCustomers, type Currency, type Database, type Language, purchases, users } from "../../db";
import { ApiError } from "../http/errors";
import { log } from "../observability";
import type { Billing } from "./packs";
import { Stripe, stripeClient } from "./stripe";

/** The account's Stripe customer, created at its first checkout and reused after. */
async function customerOf(_env: Env, db: Database, stripe: Stripe, userId: string): Promise<string> {
  const known = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId)).get();
  if (known) return known.stripeCustomerId;
  const user = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
  // Stripe's idempotency key makes two first checkouts at once share one customer.
  const customer = await stripe.customers.create(
    { ...(user?.email ? { email: user.email } : {}), metadata: { userId } },
    { idempotencyKey: `customer:${userId}` },
  );
  await db
    .insert(billingCustomers)
    .values({ userId, stripeCustomerId: customer.id, createdAt: Date.now() })
    .onConflictDoNothing();
  const stored = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId)).get();
  return stored!.stripeCustomerId;
}

export interface CheckoutRequest {
  pack: string;
  currency: Currency;
  language: Language;
}

/** A Checkout Session for one pack; the credits come later, from the signed webhook only. */
export async function startCheckout(
  env: Env,
  db: Database,
  billing: Billing,
  userId: string,
  request: CheckoutRequest,
) {
  const pack = billing.packs.find((p) => p.id === request.pack);
  if (!pack)
    throw new ApiError("validation_failed", "No such pack", {
      pack: [`not one of ${billing.packs.map((p) => p.id).join(", ")}`],
    });
  const stripe = stripeClient(env, billing.secretKey);
  const purchaseId = `pur_${crypto.randomUUID()}`;
  const back = (query: string) => `${env.PUBLIC_URL}/${request.language}/credits?${query}`;
  const amountCents = pack.prices[request.currency];
  let session: Stripe.Checkout.Session;
  try {
    const customer = await customerOf(env, db, stripe, userId);
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        customer,
        client_reference_id: userId,
        locale: request.language,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency,
              unit_amount: amountCents,
              product_data: { name: `Refrain — ${pack.credits} credits` },
            },
          },
        ],
        metadata: { userId, purchaseId, pack: pack.id },
        payment_intent_data: { metadata: { userId, purchaseId } },
        success_url: back(`purchase=${purchaseId}`),
        cancel_url: back(`canceled=${purchaseId}`),
      },
      { idempotencyKey: purchaseId },
    );
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeError)) throw err;
    log("error", "stripe checkout failed", {
      user: userId,
      error: err.message,
      code: err.code,
      status: err.statusCode,
    });
    throw new ApiError(
      "unavailable",
      "Payments cannot be taken right now; please retry in a few minutes",
      undefined,
      undefined,
      {
        "Retry-After": "60",
      },
    );
  }
  if (!session.url) throw new ApiError("unavailable", "Stripe gave no checkout page");
  const now = Date.now();
  await db.insert(purchases).values({
    id: purchaseId,
    userId,
    pack: pack.id,
    credits: pack.credits,
    currency: request.currency,
    amountCents,
    status: "open",
    sessionId: session.id,
    createdAt: now,
    updatedAt: now,
  });
  log("info", "checkout started", { user: userId, purchaseId, pack: pack.id, currency: request.currency, amountCents });
  return { purchaseId, url: session.url };
}
