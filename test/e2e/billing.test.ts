import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fr from "../../web/app/locales/fr";
import { STRIPE_TEST_KEY, STRIPE_WEBHOOK_SECRET, startStripeSimulator } from "../simulators/stripe";
import { startSunoSimulator } from "../simulators/suno";
import { accessibilityViolations, launchBrowser, type Stack, startStack } from "./stack";

// Credits in a browser, against `npm start` with the Stripe and Suno simulators. A person out of credits
// buys a pack in French: the hosted checkout page sends the signed events to the Worker's webhook, then
// returns to the credits page, which shows the new balance and the receipt. And an engine refuses the words
// it was given (the hosted Suno API's SENSITIVE_WORD_ERROR): the order stops, its credits come back, and its
// page lets the person change the words and order again. The built-in engine refuses nothing the API lets
// through, hence Suno there.
const shots = join(process.cwd(), "test-results", "web");
mkdirSync(shots, { recursive: true });
const PACKS = [
  { id: "starter", credits: 30, prices: { eur: 490, usd: 590 } },
  { id: "plus", credits: 100, prices: { eur: 1490, usd: 1690 } },
];

const DEMO = { email: "demo@refrain.local", password: "refrain-demo" };
const LYRICS =
  "[Verse]\nMarie danse sous la pluie\nElle rit de tout, même la nuit\n\n[Chorus]\nMarie, c'est ta chanson\nOn la chante à l'unisson";

let stack: Stack;
let stripe: Awaited<ReturnType<typeof startStripeSimulator>>;
let suno: Awaited<ReturnType<typeof startSunoSimulator>>;
let browser: Browser;
// Pages go through PUBLIC_URL's host (localhost), where Checkout sends people back.
let base = "";

beforeAll(async () => {
  stripe = await startStripeSimulator();
  suno = await startSunoSimulator();
  stack = await startStack(240_000, {
    SUNO_API_BASE_URL: suno.url,
    SUNO_API_KEY: "sim-key",
    STRIPE_SECRET_KEY: STRIPE_TEST_KEY,
    STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: stripe.url,
    BILLING_PACKS: JSON.stringify(PACKS),
  });
  stripe.setWebhookUrl(`${stack.url}/api/billing/webhook`);
  base = stack.url.replace("127.0.0.1", "localhost");
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await stripe?.close();
  await suno?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

async function api(path: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${stack.url}${path}`, {
    method: init.body === undefined ? "GET" : "POST",
    headers: {
      "content-type": "application/json",
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("buying credits in a browser", () => {
  it("a person out of credits buys a pack in French and comes back to the new balance and the receipt", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    const email = `buyer-${Date.now()}@refrain.test`;

    // The prices, for everyone, in euros on the French page, with what each pack makes.
    await page.goto(`${base}/fr/pricing`);
    await page.getByTestId("packs").waitFor();
    expect(await page.locator("[data-pack=starter]").innerText()).toContain("4,90");
    expect(await page.locator("[data-pack=starter]").innerText()).toContain(
      fr.billing.makes.replace("{{songs}}", "3").replace("{{minutes}}", "1"),
    );
    await shot(page, "billing-01-pricing-fr");

    await page.goto(`${base}/fr/signup`);
    await page.getByLabel(fr.auth.email).fill(email);
    await page.getByLabel(fr.auth.password).fill("a-good-password");
    await page.getByRole("button", { name: fr.auth.submitSignup }).click();
    await page.waitForURL(/\/fr\/new$/);

    // Five orders waiting for their lyrics to be approved hold all 50 welcome credits.
    const { body: session } = await api("/api/auth/signin", { body: { email, password: "a-good-password" } });
    for (let i = 0; i < 5; i++) {
      const order = {
        mode: "context",
        occasion: "anniversaire",
        recipientName: `Ami ${i}`,
        details: ["il aime le vélo"],
        language: "fr",
        styleTags: ["pop"],
        vocal: "male",
        durationSeconds: 60,
        approveLyrics: true,
      };
      expect(
        (
          await api("/api/jobs", {
            token: session.accessToken,
            body: order,
            headers: { "idempotency-key": crypto.randomUUID() },
          })
        ).status,
      ).toBe(202);
    }
    expect((await api("/api/credits", { token: session.accessToken })).body.available).toBe(0);
    await page.reload();
    await page.getByText(fr.order.notEnough).first().waitFor();

    await page.getByRole("link", { name: fr.nav.credits }).click();
    await page.waitForURL(/\/fr\/credits$/);
    await page.getByTestId("packs").waitFor();
    expect(await page.getByTestId("balance").innerText()).toBe("50");
    await shot(page, "billing-02-credits-before-fr");
    await page
      .locator("[data-pack=starter]")
      .getByRole("button", { name: /Acheter pour 4,90/ })
      .click();

    // Stripe's (simulated) checkout page, in French, for the pack's price.
    await page.waitForURL(new RegExp(`^${stripe.url}/pay/cs_test_`));
    expect(await page.getByTestId("amount").innerText()).toMatch(/4,90\s€/);
    await page.getByRole("button", { name: /Payer/ }).click();

    // Back on the credits page: thanked, the new balance, the purchase and its receipt.
    await page.waitForURL(/\/fr\/credits\?purchase=pur_/);
    await page
      .getByTestId("purchase-notice")
      .filter({ hasText: fr.billing.thanks.replace("{{credits}}", "30") })
      .waitFor();
    expect(await page.getByTestId("balance").innerText()).toBe("80");
    const row = page.getByTestId("purchases").locator("tbody tr");
    expect(await row.count()).toBe(1);
    const text = await row.innerText();
    expect(text).toContain(fr.billing.pack.replace("{{credits}}", "30"));
    expect(text).toMatch(/4,90\s€/);
    expect(text).toContain(fr.billing.status.paid);
    const receipt = await row.getByRole("link", { name: new RegExp(fr.billing.receipt) }).getAttribute("href");
    expect(receipt).toMatch(new RegExp(`^${stripe.url}/receipts/ch_`));
    expect((await fetch(receipt!)).status).toBe(200);
    expect(await page.locator("[data-testid=ledger-reason]").first().innerText()).toBe(fr.credits.reasons.purchase);
    await shot(page, "billing-03-credits-after-fr");

    // The credits are there for the next order.
    const after = (await api("/api/credits", { token: session.accessToken })).body;
    expect(after).toMatchObject({ balance: 80, reserved: 50, available: 30 });

    // Three more orders use them; then the payment is disputed. The credits cannot be taken back, so the
    // account is put on hold: its next order waits for an operator.
    const order = (name: string) =>
      api("/api/jobs", {
        token: session.accessToken,
        body: {
          mode: "context",
          occasion: "anniversaire",
          recipientName: name,
          details: [],
          language: "fr",
          styleTags: ["pop"],
          vocal: "male",
          durationSeconds: 60,
          approveLyrics: true,
        },
        headers: { "idempotency-key": crypto.randomUUID() },
      });
    for (const name of ["Léo", "Noé", "Zoé"]) expect((await order(name)).status).toBe(202);
    const chargeId = receipt!.split("/").at(-1)!;
    const { delivery } = (await (
      await fetch(`${stripe.url}/__sim/charges/${chargeId}/dispute`, { method: "POST" })
    ).json()) as {
      delivery: { payload: string; signature: string };
    };
    const delivered = await fetch(`${stack.url}/api/billing/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": delivery.signature },
      body: delivery.payload,
    });
    expect(delivered.status).toBe(200);
    expect((await order("Lou")).body.error.code).toBe("account_on_hold");

    // An operator (the demo account, locally) finds the hold in the console and lifts it with a note.
    const operatorContext = await browser.newContext({ locale: "fr-FR" });
    const ops = await operatorContext.newPage();
    await ops.goto(`${base}/fr/signin`);
    await ops.getByLabel(fr.auth.email).fill(DEMO.email);
    await ops.getByLabel(fr.auth.password).fill(DEMO.password);
    await ops.getByRole("button", { name: fr.auth.submitSignin }).click();
    await ops.waitForURL((url) => !url.pathname.endsWith("/signin"));
    await ops.goto(`${base}/fr/admin/credits`);
    const held = ops.getByTestId("holds").locator("tbody tr").filter({ hasText: email });
    await held.waitFor();
    expect(await held.innerText()).toContain(fr.admin.holds.reasons.dispute);
    expect(await held.innerText()).toMatch(/\b30\b/);
    expect(await accessibilityViolations(ops)).toEqual([]);
    await shot(ops, "billing-04-hold-fr");
    await ops
      .getByLabel(fr.admin.holds.noteFor.replace("{{email}}", email))
      .fill("Litige examiné, client de bonne foi");
    await held.getByRole("button", { name: fr.admin.holds.lift }).click();
    await ops.getByTestId("hold-lifted").waitFor();
    await ops.getByText(fr.admin.holds.none).waitFor();
    // No longer on hold: the next order is judged on its credits alone.
    expect((await order("Lou")).body.error.code).toBe("insufficient_credits");
    await operatorContext.close();
    await context.close();
  });
});

/** An order's answer body, placed with its own Idempotency-Key. */
const call = async (path: string, init: { token?: string; body?: unknown } = {}) =>
  (await api(path, { ...init, headers: { "idempotency-key": crypto.randomUUID() } })).body;

async function settled(token: string, id: string) {
  await expect
    .poll(async () => (await call(`/api/jobs/${id}`, { token })).status, { timeout: 120_000, interval: 1000 })
    .toMatch(/^(SUCCEEDED|FAILED|TIMED_OUT|CANCELED)$/);
  return call(`/api/jobs/${id}`, { token });
}

describe("words an engine refused", () => {
  it("stop the order, give its credits back, and the song's page orders again with the words changed", async () => {
    const { accessToken: token } = await call("/api/auth/signin", { body: DEMO });
    const before = await call("/api/credits", { token });
    await fetch(`${suno.url}/__sim/behaviour`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "sensitive" }),
    });
    // The demo account is an operator locally: it may send an order to one engine.
    const refused = await settled(
      token,
      (
        await call("/api/jobs", {
          token,
          body: {
            mode: "custom",
            title: "Marie sous la pluie",
            lyrics: LYRICS,
            language: "fr",
            styleTags: ["pop"],
            vocal: "female",
            durationSeconds: 30,
            engine: "suno",
          },
        })
      ).id,
    );
    expect(refused.status).toBe("FAILED");
    expect(refused.error.code).toBe("content_refused");
    expect((await call("/api/credits", { token })).available).toBe(before.available);
    await fetch(`${suno.url}/__sim/behaviour`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "success" }),
    });

    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${stack.url}/fr/signin`);
    await page.getByLabel(fr.auth.email).fill(DEMO.email);
    await page.getByLabel(fr.auth.password).fill(DEMO.password);
    await page.getByRole("button", { name: fr.auth.submitSignin }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
    await page.goto(`${stack.url}/fr/songs/${refused.id}`);
    // What happened and what it cost come first, in the person's words, never the engine's.
    const failure = page.getByTestId("failure");
    await failure.waitFor();
    expect(await page.getByTestId("failure-reason").innerText()).toBe(fr.failures.content_refused);
    expect(await failure.innerText()).toContain(
      fr.progress.refunded_other.replace("{{formatted}}", String(refused.credits)),
    );
    expect(await page.locator("main").innerText()).not.toMatch(/sensitive|copyrighted/i);
    // The words as ordered, to change where they are read.
    const words = page.getByLabel(fr.failures.lyricsLabel);
    // Tagged as the French order form asks for them.
    expect(await words.inputValue()).toMatch(/^\[Couplet\]\nMarie danse sous la pluie\n.*\n\n\[Refrain\]\n/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, "refused-01-fr.png"), fullPage: true });
    await words.fill((await words.inputValue()).replace("sous la pluie", "au soleil"));
    await page.getByRole("button", { name: fr.failures.orderAgain }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/fr/songs/") && !url.pathname.endsWith(refused.id));

    // The new order sings the changed words, and only it was paid for.
    const again = await settled(token, page.url().split("/").at(-1)!);
    expect(again.status).toBe("SUCCEEDED");
    const sung = again.lyrics.sections.flatMap((s: { lines: string[] }) => s.lines);
    expect(sung).toContain("Marie danse au soleil");
    expect(again.lyrics.sections.map((s: { kind: string }) => s.kind)).toEqual(["verse", "chorus"]);
    expect(sung.join(" ")).not.toContain("sous la pluie");
    expect((await call("/api/credits", { token })).available).toBe(before.available - again.credits);
    await context.close();
  });
});
