import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, ne } from "drizzle-orm";
import { type AccountHold, currencies, holdReasons, languages, purchaseStatuses, purchases } from "../../db";
import { requireAdmin, requireUser } from "../auth";
import {
  billingConfig,
  clearHold,
  handleEvent,
  isOnHold,
  openHolds,
  songsFor,
  startCheckout,
  stripeClient,
  verifiedEvent,
} from "../billing";
import { config } from "../config";
import { router } from "../http/app-factory";
import { ApiError, errorResponses } from "../http/errors";
import { bearer, json } from "../http/openapi";
import { log } from "../observability";

const iso = z.iso.datetime();
const cents = z.int().describe("In the currency's smallest unit (cents)");

const packsSchema = z
  .object({
    enabled: z.boolean().describe("False when payments are not configured: nothing can be bought."),
    creditsPerSong: z.int(),
    packs: z.array(
      z
        .object({
          id: z.string(),
          credits: z.int(),
          prices: z.object(
            Object.fromEntries(currencies.map((c) => [c, cents])) as Record<(typeof currencies)[number], typeof cents>,
          ),
          songs: z
            .array(z.object({ durationSeconds: z.int(), songs: z.int() }))
            .describe("What the pack makes, per song length"),
        })
        .meta({ id: "Pack" }),
    ),
  })
  .meta({ id: "Packs" });

const checkoutSchema = z
  .object({
    pack: z.string().min(1).max(64),
    currency: z.enum(currencies),
    language: z.enum(languages).describe("The checkout page's language, and the app's pages it returns to."),
  })
  .meta({ id: "CheckoutRequest" });

const purchaseSchema = z
  .object({
    id: z.string(),
    pack: z.string(),
    credits: z.int(),
    currency: z.enum(currencies),
    amountCents: cents.describe("What was paid"),
    refundedCents: cents,
    status: z.enum(purchaseStatuses),
    receiptUrl: z.string().nullable().describe("Stripe's receipt"),
    createdAt: iso,
    paidAt: iso.nullable(),
  })
  .meta({ id: "Purchase" });

const holdSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    userEmail: z.string().nullable(),
    purchaseId: z.string(),
    reason: z.enum(holdReasons),
    creditsShort: z.int().describe("Credits the reversal could not take back: already spent or held by orders"),
    createdAt: iso,
    clearedAt: iso.nullable(),
    clearedBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: "AccountHold" });

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function requireBilling(env: Env) {
  const billing = billingConfig(env);
  if (!billing) throw new ApiError("not_found", "Buying credits is not available here");
  return billing;
}

export const billingRoutes = router()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/billing/packs",
      tags: ["Billing"],
      summary: "Credit packs, their prices and what each makes",
      responses: { 200: json(packsSchema, "The packs on sale (none when billing is off)") },
    }),
    (c) => {
      const billing = billingConfig(c.env);
      const packs = (billing?.packs ?? []).map((p) => ({
        id: p.id,
        credits: p.credits,
        prices: p.prices,
        songs: songsFor(c.env, p.credits),
      }));
      return c.json({ enabled: billing !== null, creditsPerSong: config(c.env).CREDITS_PER_SONG, packs }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/billing/checkout",
      tags: ["Billing"],
      summary: "Start buying a pack: a Stripe Checkout page to send the person to",
      description:
        "The credits arrive only once Stripe confirms the payment to the webhook; the page returns to the credits page.",
      security: bearer,
      middleware: requireUser,
      request: { body: json(checkoutSchema, "The pack, the currency and the language") },
      responses: {
        201: json(
          z
            .object({ purchaseId: z.string(), url: z.url().describe("Stripe's checkout page") })
            .meta({ id: "Checkout" }),
          "Checkout started",
        ),
        ...errorResponses("validation_failed", "unauthorized", "not_found", "unavailable"),
      },
    }),
    async (c) => {
      const billing = requireBilling(c.env);
      return c.json(await startCheckout(c.env, c.var.db, billing, c.var.user.id, c.req.valid("json")), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/billing/purchases",
      tags: ["Billing"],
      summary: "Your purchases, newest first, with Stripe's receipts; whether the account is on hold",
      security: bearer,
      middleware: requireUser,
      responses: {
        200: json(
          z.object({ onHold: z.boolean(), purchases: z.array(purchaseSchema) }).meta({ id: "Purchases" }),
          "Purchases",
        ),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const db = c.var.db;
      const userId = c.var.user.id;
      const [rows, onHold] = await Promise.all([
        db
          .select()
          .from(purchases)
          .where(and(eq(purchases.userId, userId), ne(purchases.status, "open")))
          .orderBy(desc(purchases.createdAt))
          .limit(100),
        isOnHold(db, userId),
      ]);
      return c.json(
        {
          onHold,
          purchases: rows.map((p) => ({
            id: p.id,
            pack: p.pack,
            credits: p.credits,
            currency: p.currency,
            amountCents: p.amountCents,
            refundedCents: p.refundedCents,
            status: p.status,
            receiptUrl: p.receiptUrl,
            createdAt: new Date(p.createdAt).toISOString(),
            paidAt: isoOrNull(p.paidAt),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/billing/webhook",
      tags: ["Billing"],
      summary: "Stripe's events (checkout completed, refunds, disputes)",
      description:
        "The raw body must carry a valid, recent `Stripe-Signature` (400 otherwise, and nothing changes). Each event's effect is keyed in the ledger: repeated, concurrent or out-of-order deliveries grant or take back credits once. A refund for a payment not yet recorded answers 409, so Stripe delivers it again later.",
      request: { headers: z.object({ "stripe-signature": z.string().min(1).max(2048) }) },
      responses: {
        200: json(
          z
            .object({ received: z.boolean(), outcome: z.enum(["granted", "reversed", "duplicate", "ignored"]) })
            .meta({ id: "BillingWebhookAck" }),
          "Received",
        ),
        ...errorResponses("validation_failed", "not_found", "conflict"),
      },
    }),
    async (c) => {
      const billing = requireBilling(c.env);
      const stripe = stripeClient(c.env, billing.secretKey);
      const payload = await c.req.text();
      let event: Awaited<ReturnType<typeof verifiedEvent>>;
      try {
        event = await verifiedEvent(stripe, payload, c.req.valid("header")["stripe-signature"], billing.webhookSecret);
      } catch (err) {
        log("warn", "stripe event refused", { requestId: c.var.requestId, error: (err as Error).message });
        throw new ApiError("validation_failed", "The Stripe-Signature is not valid for this body, or is too old", {
          "stripe-signature": ["invalid or expired"],
        });
      }
      const outcome = await handleEvent(c.var.db, stripe, event);
      log("info", "stripe event", { requestId: c.var.requestId, type: event.type, eventId: event.id, outcome });
      return c.json({ received: true, outcome }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/admin/billing/holds",
      tags: ["Operators"],
      security: bearer,
      middleware: [requireUser, requireAdmin],
      summary: "Accounts on hold: refunded or disputed payments whose credits were already spent",
      responses: {
        200: json(z.object({ holds: z.array(holdSchema) }).meta({ id: "AccountHolds" }), "Open holds, newest first"),
        ...errorResponses("unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const rows = await openHolds(c.var.db);
      return c.json({ holds: rows.map(({ hold, email }) => ({ ...holdView(hold), userEmail: email })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/admin/billing/holds/{id}/clear",
      tags: ["Operators"],
      security: bearer,
      middleware: [requireUser, requireAdmin],
      summary: "Lift a hold: the account may order again",
      request: {
        params: z.object({ id: z.string().min(1).max(128) }),
        body: json(
          z.object({ note: z.string().trim().min(2).max(500).describe("What was decided, for the other operators") }),
          "Why",
        ),
      },
      responses: {
        200: json(holdSchema, "The hold, cleared"),
        ...errorResponses("validation_failed", "unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const hold = await clearHold(c.var.db, c.req.valid("param").id, c.var.user.id, c.req.valid("json").note);
      log("info", "account hold cleared", {
        requestId: c.var.requestId,
        user: c.var.user.id,
        holdId: hold.id,
        of: hold.userId,
      });
      return c.json({ ...holdView(hold), userEmail: null }, 200);
    },
  );

function holdView(hold: AccountHold) {
  return {
    id: hold.id,
    userId: hold.userId,
    purchaseId: hold.purchaseId,
    reason: hold.reason,
    creditsShort: hold.creditsShort,
    createdAt: new Date(hold.createdAt).toISOString(),
    clearedAt: isoOrNull(hold.clearedAt),
    clearedBy: hold.clearedBy,
    note: hold.note,
  };
}
