import { eq, sql } from "drizzle-orm";
import { accountHolds, type Database, type HoldReason, type Purchase, purchases } from "../../db";
import {
  grantStatements,
  isInsufficientCredits,
  isUniqueViolation,
  purchaseKey,
  readCredits,
  reversalKey,
  revokeStatements,
} from "../credits";
import { ApiError } from "../http/errors";
import { log } from "../observability";
import type { Stripe } from "./stripe";

export type EventOutcome = "granted" | "reversed" | "duplicate" | "ignored";

const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === "string" ? ref : (ref?.id ?? null));

/**
 * What a verified Stripe event does. Every outcome is keyed in the ledger, so a delivery repeated,
 * concurrent or out of order changes nothing more; a failure answers 5xx and Stripe delivers again.
 */
export async function handleEvent(db: Database, stripe: Stripe, event: Stripe.Event): Promise<EventOutcome> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return completeCheckout(db, stripe, event.data.object);
    case "charge.refunded": {
      const charge = event.data.object;
      const full = charge.refunded || charge.amount_refunded >= charge.amount;
      return reversePayment(db, idOf(charge.payment_intent), "refund", `refund:${charge.amount_refunded}`, (p) => ({
        credits: full ? p.credits : Math.floor((p.credits * charge.amount_refunded) / charge.amount),
        refundedCents: charge.amount_refunded,
        status: full ? "refunded" : p.status,
      }));
    }
    case "charge.dispute.created": {
      const dispute = event.data.object;
      return reversePayment(db, idOf(dispute.payment_intent), "dispute", `dispute:${dispute.id}`, (p) => ({
        credits: p.credits,
        refundedCents: p.refundedCents,
        status: "disputed",
      }));
    }
    default:
      return "ignored";
  }
}

async function completeCheckout(db: Database, stripe: Stripe, session: Stripe.Checkout.Session): Promise<EventOutcome> {
  const purchase = await db.select().from(purchases).where(eq(purchases.sessionId, session.id)).get();
  // Another application's session on the same Stripe account, or a payment still on its way (async methods).
  if (!purchase || session.payment_status !== "paid") return "ignored";
  const now = Date.now();
  const paymentIntentId = idOf(session.payment_intent);
  let outcome: EventOutcome = "granted";
  try {
    await db.batch([
      ...grantStatements(
        db,
        purchase.userId,
        purchase.credits,
        { kind: "purchase", text: `${purchase.credits} credits bought (pack ${purchase.pack}, ${purchase.id})` },
        purchaseKey(purchase.id),
      ),
      db
        .update(purchases)
        .set({
          status: "paid",
          amountCents: session.amount_total ?? purchase.amountCents,
          paymentIntentId,
          paidAt: now,
          updatedAt: now,
        })
        .where(eq(purchases.id, purchase.id)),
    ]);
    log("info", "credits bought", {
      user: purchase.userId,
      purchaseId: purchase.id,
      credits: purchase.credits,
      amountCents: session.amount_total,
      currency: session.currency,
    });
  } catch (err) {
    if (!isUniqueViolation(err, "credit_ledger.entry_key")) throw err;
    outcome = "duplicate";
  }
  await recordReceipt(db, stripe, purchase.id);
  return outcome;
}

/** Stripe's receipt link lives on the charge: read once, from the payment itself. */
async function recordReceipt(db: Database, stripe: Stripe, purchaseId: string): Promise<void> {
  const purchase = await db.select().from(purchases).where(eq(purchases.id, purchaseId)).get();
  if (!purchase?.paymentIntentId || purchase.receiptUrl) return;
  const intent = await stripe.paymentIntents.retrieve(purchase.paymentIntentId, { expand: ["latest_charge"] });
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  if (!charge) return;
  await db
    .update(purchases)
    .set({ chargeId: charge.id, receiptUrl: charge.receipt_url ?? null, updatedAt: Date.now() })
    .where(eq(purchases.id, purchaseId));
}

interface Reversal {
  /** Credits the reversal takes back in all, counting what earlier reversals of this purchase took. */
  credits: number;
  refundedCents: number;
  status: Purchase["status"];
}

/**
 * Takes back what a refund or dispute removes of a purchase's credits, as far as they are unspent (the balance
 * never goes below what orders hold); what is missing puts the account on hold for an operator.
 */
async function reversePayment(
  db: Database,
  paymentIntentId: string | null,
  reason: HoldReason,
  cause: string,
  due: (p: Purchase) => Reversal,
): Promise<EventOutcome> {
  if (!paymentIntentId) return "ignored";
  for (let attempt = 0; ; attempt++) {
    const purchase = await db.select().from(purchases).where(eq(purchases.paymentIntentId, paymentIntentId)).get();
    // Stripe retries non-2xx answers for days: by then the completion has been recorded.
    if (!purchase) throw new ApiError("conflict", "This payment is not recorded yet; deliver the event again later");
    const target = due(purchase);
    const delta = Math.max(0, target.credits - purchase.creditsRevoked - purchase.creditsUnrecovered);
    const { available } = await readCredits(db, purchase.userId, 0);
    const taken = Math.min(delta, Math.max(0, available));
    const short = delta - taken;
    const now = Date.now();
    const update = db
      .update(purchases)
      .set({
        status: target.status,
        refundedCents: sql`max(${purchases.refundedCents}, ${target.refundedCents})`,
        creditsRevoked: sql`${purchases.creditsRevoked} + ${taken}`,
        creditsUnrecovered: sql`${purchases.creditsUnrecovered} + ${short}`,
        updatedAt: now,
      })
      .where(eq(purchases.id, purchase.id));
    try {
      if (delta === 0) {
        await update;
        return "duplicate";
      }
      await db.batch([
        ...revokeStatements(
          db,
          purchase.userId,
          taken,
          {
            kind: "payment_reversed",
            text: `${reason} of purchase ${purchase.id}: ${taken} credits taken back, ${short} already spent`,
          },
          reversalKey(purchase.id, cause),
        ),
        update,
        ...(short > 0
          ? [
              db.insert(accountHolds).values({
                id: `hold_${crypto.randomUUID()}`,
                userId: purchase.userId,
                purchaseId: purchase.id,
                reason,
                creditsShort: short,
                createdAt: now,
              }),
            ]
          : []),
      ]);
      log(short > 0 ? "warn" : "info", "payment reversed", {
        user: purchase.userId,
        purchaseId: purchase.id,
        reason,
        credits: taken,
        short,
        onHold: short > 0,
      });
      return "reversed";
    } catch (err) {
      if (isUniqueViolation(err, "credit_ledger.entry_key")) return "duplicate";
      // An order held credits, or another reversal of this purchase went first, since we read: read again.
      if (isInsufficientCredits(err) && attempt < 5) continue;
      throw err;
    }
  }
}
