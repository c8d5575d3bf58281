// Test fixture: the few Stripe endpoints Refrain uses (customers, Checkout Sessions, PaymentIntents), a
// hosted checkout page, and the events a payment, a refund or a dispute sends, signed with the stripe
// library's own test-header helper. Tests inside workerd cannot be reached from here, so they ask
// /__sim/* for the signed deliveries and post them to the Worker themselves; a browser test sets a
// webhook URL (POST /__sim/config) and the hosted page delivers the events there before redirecting.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export const STRIPE_TEST_KEY = "sk_test_refrain_simulator";
export const STRIPE_WEBHOOK_SECRET = "whsec_refrain_simulator_signing_secret";

/** One signed delivery: what Stripe would POST to the webhook endpoint. */
export interface Delivery {
  type: string;
  payload: string;
  signature: string;
}

type Obj = Record<string, any>;
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0][c]=v`) back into objects; numeric keys make arrays. */
function parseForm(text: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = [...key.matchAll(/([^[\]]+)|\[([^\]]*)\]/g)].map((m) => m[1] ?? m[2] ?? "");
    let node: Obj = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
    });
  }
  return root;
}

const html = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${body}</main></body></html>`;
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startStripeSimulator(options: { secret?: string; webhookUrl?: string } = {}) {
  const secret = options.secret ?? STRIPE_WEBHOOK_SECRET;
  let webhookUrl = options.webhookUrl ?? "";
  const customers = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const intents = new Map<string, Obj>();
  const charges = new Map<string, Obj>();
  // What a session keeps besides its public fields: its line items' names and its payment's metadata.
  const extras = new Map<string, { names: string[]; paymentMetadata: Obj }>();
  // Stripe replays the first answer to a repeated Idempotency-Key.
  const idempotent = new Map<string, Obj>();
  let base = "";

  // The async helper: under vitest the library may resolve to its Web Crypto build, which signs asynchronously only.
  const sign = async (type: string, object: Obj): Promise<Delivery> => {
    const event = {
      id: id("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    };
    const payload = JSON.stringify(event);
    return { type, payload, signature: await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret }) };
  };

  /** The card is charged: the PaymentIntent and its charge exist, the session is complete. */
  function pay(session: Obj): Promise<Delivery[]> {
    if (session.payment_status === "paid") throw new Error("already paid");
    const intent: Obj = {
      id: id("pi"),
      object: "payment_intent",
      amount: session.amount_total,
      amount_received: session.amount_total,
      currency: session.currency,
      customer: session.customer,
      status: "succeeded",
      metadata: extras.get(session.id)!.paymentMetadata,
      latest_charge: null,
    };
    const chargeId = id("ch");
    const charge: Obj = {
      id: chargeId,
      object: "charge",
      amount: session.amount_total,
      amount_captured: session.amount_total,
      amount_refunded: 0,
      refunded: false,
      paid: true,
      status: "succeeded",
      currency: session.currency,
      customer: session.customer,
      payment_intent: intent.id,
      metadata: intent.metadata,
      receipt_url: `${base}/receipts/${chargeId}`,
      created: now(),
    };
    intent.latest_charge = charge.id;
    intents.set(intent.id, intent);
    charges.set(charge.id, charge);
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: intent.id });
    return Promise.all([
      sign("payment_intent.succeeded", intent),
      sign("charge.succeeded", charge),
      sign("checkout.session.completed", session),
    ]);
  }

  function refund(charge: Obj, amount: number): Promise<Delivery> {
    charge.amount_refunded = Math.min(charge.amount, charge.amount_refunded + amount);
    charge.refunded = charge.amount_refunded >= charge.amount;
    return sign("charge.refunded", charge);
  }

  function dispute(charge: Obj): Promise<Delivery> {
    return sign("charge.dispute.created", {
      id: id("dp"),
      object: "dispute",
      amount: charge.amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      reason: "fraudulent",
      status: "needs_response",
      created: now(),
    });
  }

  async function deliver(deliveries: Delivery[]): Promise<number[]> {
    const statuses: number[] = [];
    for (const d of deliveries)
      statuses.push(
        (
          await fetch(webhookUrl, {
            method: "POST",
            headers: { "content-type": "application/json", "stripe-signature": d.signature },
            body: d.payload,
          })
        ).status,
      );
    return statuses;
  }

  const send = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const page = (res: ServerResponse, status: number, body: string) =>
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(body);
  const notFound = (res: ServerResponse, what: string) =>
    send(res, 404, { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}` } });
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = "";
      req.on("data", (c) => (text += c));
      req.on("end", () => resolve(text));
    });

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, text: string) {
    if (req.headers.authorization !== `Bearer ${STRIPE_TEST_KEY}`)
      return send(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
    const key = req.headers["idempotency-key"];
    const remember = (body: Obj) => {
      if (typeof key === "string") idempotent.set(`${url.pathname}:${key}`, body);
      return send(res, 200, body);
    };
    if (req.method === "POST" && typeof key === "string" && idempotent.has(`${url.pathname}:${key}`))
      return send(res, 200, idempotent.get(`${url.pathname}:${key}`));
    const form = parseForm(text);
    if (req.method === "POST" && url.pathname === "/v1/customers") {
      const customer = {
        id: id("cus"),
        object: "customer",
        email: form.email ?? null,
        metadata: form.metadata ?? {},
        created: now(),
      };
      customers.set(customer.id, customer);
      return remember(customer);
    }
    if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      const items = (form.line_items ?? []) as Obj[];
      const first = items[0]?.price_data;
      if (!first || !form.success_url || !form.cancel_url || form.mode !== "payment")
        return send(res, 400, {
          error: {
            type: "invalid_request_error",
            message: "line_items with price_data, success_url, cancel_url and mode=payment are required here",
          },
        });
      if (form.customer && !customers.has(form.customer)) return notFound(res, `customer: '${form.customer}'`);
      const sessionId = id("cs_test");
      const amount = items.reduce(
        (sum, item) => sum + Number(item.price_data.unit_amount) * Number(item.quantity ?? 1),
        0,
      );
      const session: Obj = {
        id: sessionId,
        object: "checkout.session",
        mode: "payment",
        status: "open",
        payment_status: "unpaid",
        amount_total: amount,
        amount_subtotal: amount,
        currency: first.currency,
        customer: form.customer ?? null,
        client_reference_id: form.client_reference_id ?? null,
        locale: form.locale ?? null,
        metadata: form.metadata ?? {},
        payment_intent: null,
        success_url: form.success_url,
        cancel_url: form.cancel_url,
        url: `${base}/pay/${sessionId}`,
        created: now(),
      };
      sessions.set(sessionId, session);
      extras.set(sessionId, {
        names: items.map((i) => i.price_data.product_data?.name ?? ""),
        paymentMetadata: form.payment_intent_data?.metadata ?? {},
      });
      return remember(session);
    }
    const intent = /^\/v1\/payment_intents\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && intent) {
      const pi = intents.get(intent[1]!);
      if (!pi) return notFound(res, `payment_intent: '${intent[1]}'`);
      const expand = [...url.searchParams].filter(([k]) => k.startsWith("expand")).map(([, v]) => v);
      return send(
        res,
        200,
        expand.includes("latest_charge") ? { ...pi, latest_charge: charges.get(pi.latest_charge) } : pi,
      );
    }
    return notFound(res, `route: ${req.method} ${url.pathname}`);
  }

  async function control(_req: IncomingMessage, res: ServerResponse, url: URL, text: string) {
    const body = text ? JSON.parse(text) : {};
    if (url.pathname === "/__sim/config") {
      webhookUrl = body.webhookUrl ?? webhookUrl;
      return send(res, 200, { webhookUrl });
    }
    if (url.pathname === "/__sim/state")
      return send(res, 200, { customers: [...customers.values()], sessions: [...sessions.values()] });
    const session = /^\/__sim\/sessions\/([^/]+)(\/pay)?$/.exec(url.pathname);
    if (session) {
      const s = sessions.get(session[1]!);
      if (!s) return notFound(res, "session");
      if (!session[2]) return send(res, 200, s);
      const deliveries = await pay(s);
      return send(res, 200, { session: s, deliveries });
    }
    const charge = /^\/__sim\/charges\/([^/]+)\/(refund|dispute)$/.exec(url.pathname);
    if (charge) {
      const c = charges.get(charge[1]!) ?? [...charges.values()].find((ch) => ch.payment_intent === charge[1]);
      if (!c) return notFound(res, "charge");
      return send(res, 200, {
        delivery: await (charge[2] === "refund"
          ? refund(c, Number(body.amount ?? c.amount - c.amount_refunded))
          : dispute(c)),
      });
    }
    return notFound(res, "control route");
  }

  /** The hosted checkout page: the pack and its price, "Pay" and "Cancel", in the session's language. */
  async function hosted(req: IncomingMessage, res: ServerResponse, url: URL) {
    const match = /^\/pay\/([^/]+)$/.exec(url.pathname);
    const session = match && sessions.get(match[1]!);
    if (!session) return page(res, 404, html("Not found", "<h1>No such checkout session</h1>"));
    const fr = session.locale === "fr";
    const price = new Intl.NumberFormat(fr ? "fr-FR" : "en-US", {
      style: "currency",
      currency: session.currency,
    }).format(session.amount_total / 100);
    if (req.method === "GET") {
      if (session.payment_status === "paid")
        return page(res, 200, html("Paid", `<h1>${fr ? "Déjà payé" : "Already paid"}</h1>`));
      return page(
        res,
        200,
        html(
          "Stripe Checkout (simulator)",
          `<h1>${escapeHtml(extras.get(session.id)!.names.join(", "))}</h1><p data-testid="amount">${escapeHtml(price)}</p>
<form method="post"><button type="submit">${fr ? "Payer" : "Pay"} ${escapeHtml(price)}</button></form>
<p><a href="${escapeHtml(session.cancel_url)}">${fr ? "Annuler" : "Cancel"}</a></p>`,
        ),
      );
    }
    const deliveries = await pay(session);
    const statuses = await deliver(deliveries);
    if (statuses.some((s) => s >= 300))
      return page(res, 502, html("Webhook failed", `<h1>The webhook answered ${statuses.join(", ")}</h1>`));
    res.writeHead(303, { location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) }).end();
  }

  const server = createServer(async (req, res) => {
    // One request per connection: a kept-alive socket Node closes while workerd reuses it reads as "Network connection lost".
    res.setHeader("connection", "close");
    const url = new URL(req.url ?? "/", "http://stripe.sim");
    const text = await read(req);
    try {
      if (url.pathname.startsWith("/v1/")) return await api(req, res, url, text);
      if (url.pathname.startsWith("/__sim/")) return await control(req, res, url, text);
      if (url.pathname.startsWith("/pay/")) return await hosted(req, res, url);
      const receipt = /^\/receipts\/([^/]+)$/.exec(url.pathname);
      const charge = receipt && charges.get(receipt[1]!);
      if (charge)
        return page(
          res,
          200,
          html(
            "Receipt",
            `<h1>Receipt</h1><p>${charge.amount / 100} ${String(charge.currency).toUpperCase()}</p><p>${charge.id}</p>`,
          ),
        );
      notFound(res, "page");
    } catch (err) {
      send(res, 500, { error: { type: "api_error", message: String(err) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    setWebhookUrl: (u: string) => void (webhookUrl = u),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
