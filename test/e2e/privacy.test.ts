import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import en from "../../web/app/locales/en";
import fr from "../../web/app/locales/fr";
import { accessibilityViolations, launchBrowser, type Stack, startStack } from "./stack";

// A person in a browser deletes their account in French, after downloading their data; their song's
// share link is withdrawn and signing in again fails like any wrong password. The privacy page is public.
const shots = join(process.cwd(), "test-results", "web");
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack(240_000);
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

// Each test is a person at an address of their own (TEST-NET-3): the sign-in limit per address then counts one
// person's attempts, not the whole file's, as on Cloudflare's edge, which sets CF-Connecting-IP itself.
let address = "";
let people = 0;
beforeEach(() => {
  address = `203.0.113.${++people}`;
});
const person = (options: BrowserContextOptions = {}) =>
  browser.newContext({ ...options, extraHTTPHeaders: { "cf-connecting-ip": address } });

async function api(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set("cf-connecting-ip", address);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body) headers.set("content-type", "application/json");
  return fetch(`${stack.url}${path}`, { ...init, headers });
}

/** The first email to `to` as `npm start` shows it: wrangler prints who it is for, its subject and where its text is kept. */
async function printedEmail(to: string): Promise<{ subject: string; text: string }> {
  const find = () => new RegExp(`To: ${to}\\nSubject: (.+)\\n\\nText: (\\S+)`).exec(stack.log());
  await expect.poll(find, { timeout: 30_000 }).toBeTruthy();
  const [, subject, file] = find()!;
  return { subject: subject!, text: readFileSync(file!, "utf8") };
}

describe("your data", () => {
  it("deletes an account in French from the settings page; sign-in then fails with the generic message", async () => {
    const email = `privacy-${Date.now()}@refrain.test`;
    const password = "a-good-password";
    const session = (await (
      await api("/api/auth/signup", { method: "POST", body: JSON.stringify({ email, password }) })
    ).json()) as { accessToken: string };
    const token = session.accessToken;
    const order = await api("/api/jobs", {
      method: "POST",
      token,
      headers: { "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify({
        mode: "context",
        occasion: "anniversaire",
        recipientName: "Zéphyrine",
        details: ["elle collectionne les cerfs-volants"],
        language: "fr",
        styleTags: ["pop"],
        vocal: "female",
        durationSeconds: 30,
      }),
    });
    expect(order.status).toBe(202);
    const { id: jobId } = (await order.json()) as { id: string };
    let job: { status: string; takes: { trackId: string }[] } = { status: "QUEUED", takes: [] };
    for (
      const until = Date.now() + 240_000;
      Date.now() < until && !["SUCCEEDED", "FAILED", "CANCELED", "TIMED_OUT"].includes(job.status);
    ) {
      await new Promise((r) => setTimeout(r, 1000));
      job = (await (await api(`/api/jobs/${jobId}`, { token })).json()) as typeof job;
    }
    expect(job.status).toBe("SUCCEEDED");
    // Ordered with no page open: the person is told by email, as `npm start` prints it, in the song's language.
    const ready = await printedEmail(email);
    expect(ready.subject).toMatch(/^Votre chanson « .+ » est prête$/);
    expect(ready.text).toContain(`/fr/songs/${jobId}`);
    const share = (await (
      await api(`/api/tracks/${job.takes[0]!.trackId}/share`, { method: "POST", token })
    ).json()) as { shareUrl: string };
    const sharePath = new URL(share.shareUrl).pathname + new URL(share.shareUrl).search;
    expect((await fetch(`${stack.url}${sharePath}`)).status).toBe(200);

    const context = await person({ locale: "fr-FR", acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${stack.url}/fr/signin`);
    await page.getByLabel(fr.auth.email).fill(email);
    await page.getByLabel(fr.auth.password).fill(password);
    await page.getByRole("button", { name: fr.auth.submitSignin }).click();
    await page.waitForURL(/\/fr\/new$/);
    await page.getByRole("link", { name: fr.settings.nav }).click();
    await page.waitForURL(/\/fr\/settings$/);
    await expect.poll(() => page.getByTestId("account-email").textContent(), { timeout: 30_000 }).toBe(email);

    // The export first: one JSON file with the order, its brief and a link to each take.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: fr.settings.exportButton }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(exported.account.email).toBe(email);
    expect(exported.orders[0]).toMatchObject({ id: jobId, brief: { recipientName: "Zéphyrine" } });
    expect((await fetch(exported.orders[0].takes[0].downloadUrl.replace(/^https?:\/\/[^/]+/, stack.url))).status).toBe(
      200,
    );
    await shot(page, "privacy-01-settings-fr");

    // A wrong confirmation deletes nothing.
    await page.getByLabel(fr.settings.confirmPassword).fill("not-my-password");
    await page.getByRole("button", { name: fr.settings.deleteButton }).click();
    await expect
      .poll(() => page.getByTestId("delete-error").textContent(), { timeout: 30_000 })
      .toContain(fr.settings.mismatch);
    expect((await api("/api/me", { token })).status).toBe(200);

    await page.getByLabel(fr.settings.confirmPassword).fill(password);
    await page.getByRole("button", { name: fr.settings.deleteButton }).click();
    await page.waitForURL(/\/fr\/privacy\?deleted=1$/);
    await expect
      .poll(() => page.getByTestId("account-deleted").textContent(), { timeout: 30_000 })
      .toBe(fr.privacy.deleted);
    await shot(page, "privacy-02-deleted-fr");
    expect((await api("/api/me", { token })).status).toBe(401);

    // The share link is withdrawn (410), once the queued step has run.
    await expect.poll(async () => (await fetch(`${stack.url}${sharePath}`)).status, { timeout: 30_000 }).toBe(410);

    await page.goto(`${stack.url}/fr/signin`);
    await page.getByLabel(fr.auth.email).fill(email);
    await page.getByLabel(fr.auth.password).fill(password);
    await page.getByRole("button", { name: fr.auth.submitSignin }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent(), { timeout: 30_000 })
      .toContain(fr.errors.unauthorized);
    expect(page.url()).toMatch(/\/fr\/signin$/);
    await shot(page, "privacy-03-signin-refused-fr");
    await context.close();
  });

  it("lets an operator delete an account asked for by mail, from the French console, the email typed twice", async () => {
    const email = `by-mail-${Date.now()}@refrain.test`;
    const signup = await api("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email, password: "a-good-password" }),
    });
    const { accessToken: token } = (await signup.json()) as { accessToken: string };

    // The demo account is the local operator.
    const context = await person({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${stack.url}/fr/signin`);
    await page.getByLabel(fr.auth.email).fill("demo@refrain.local");
    await page.getByLabel(fr.auth.password).fill("refrain-demo");
    await page.getByRole("button", { name: fr.auth.submitSignin }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
    await page.goto(`${stack.url}/fr/admin`);
    await page
      .getByRole("navigation", { name: fr.admin.nav.label })
      .getByRole("link", { name: fr.admin.nav.accounts })
      .click();
    await page.getByRole("heading", { level: 1, name: fr.admin.accounts.title }).waitFor();

    // A slip of the keyboard deletes nothing; an address with no account says so.
    await page.getByLabel(fr.admin.accounts.email).fill(email);
    await page.getByLabel(fr.admin.accounts.confirm).fill(`x${email}`);
    await page.getByRole("button", { name: fr.admin.accounts.submit }).click();
    await page.getByRole("alert").filter({ hasText: fr.admin.accounts.mismatch }).waitFor();
    expect((await api("/api/me", { token })).status).toBe(200);
    await page.getByLabel(fr.admin.accounts.email).fill(`nobody-${email}`);
    await page.getByLabel(fr.admin.accounts.confirm).fill(`nobody-${email}`);
    await page.getByRole("button", { name: fr.admin.accounts.submit }).click();
    await page.getByRole("alert").filter({ hasText: fr.admin.accounts.notFound }).waitFor();

    await page.getByLabel(fr.admin.accounts.email).fill(email);
    await page.getByLabel(fr.admin.accounts.confirm).fill(email.toUpperCase());
    await page.getByRole("button", { name: fr.admin.accounts.submit }).click();
    await page.getByTestId("account-deleted").waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "privacy-04-operator-deletion-fr");
    // Every session of the account ended with it, and it cannot sign in again.
    expect((await api("/api/me", { token })).status).toBe(401);
    const again = await api("/api/auth/signin", {
      method: "POST",
      body: JSON.stringify({ email, password: "a-good-password" }),
    });
    expect(again.status).toBe(401);
    await context.close();
  });

  it("changes a password in English from the settings page: other devices are signed out, this one stays in", async () => {
    const email = `password-${Date.now()}@refrain.test`;
    const signup = await api("/api/auth/signup", {
      method: "POST",
      body: JSON.stringify({ email, password: "the-old-password" }),
    });
    // Signed in on another device, with the old password.
    const elsewhere = ((await signup.json()) as { accessToken: string }).accessToken;

    const context = await person({ locale: "en-US" });
    const page = await context.newPage();
    const signIn = async (password: string) => {
      await page.goto(`${stack.url}/en/signin`);
      await page.getByLabel(en.auth.email).fill(email);
      await page.getByLabel(en.auth.password).fill(password);
      await page.getByRole("button", { name: en.auth.submitSignin }).click();
    };
    await signIn("the-old-password");
    await page.waitForURL(/\/en\/new$/);
    await page.getByRole("link", { name: en.settings.nav }).click();
    await page.waitForURL(/\/en\/settings$/);
    // Order emails are on until unticked; the choice is saved at once and is there the next time.
    const orderEmails = page.getByTestId("order-emails");
    expect(await orderEmails.isChecked()).toBe(true);
    await orderEmails.uncheck();
    await page.getByRole("status").filter({ hasText: en.settings.emailsSaved }).waitFor();
    await page.reload();
    expect(await page.getByTestId("order-emails").isChecked()).toBe(false);
    const form = page.getByTestId("password-form");
    // A password manager saves the new password for this account: the form names it, and so does every
    // other form of the page that asks for the password (Chrome warns about the others).
    expect(await form.locator("input[autocomplete=username]").inputValue()).toBe(email);
    const named = page.locator("form:has(input[type=password]) input[autocomplete=username]");
    expect(await page.locator("form:has(input[type=password])").count()).toBe(2);
    expect([await named.nth(0).inputValue(), await named.nth(1).inputValue()]).toEqual([email, email]);

    // A wrong current password changes nothing, and the field says so.
    await form.getByLabel(en.settings.currentPassword).fill("not-my-password");
    await form.getByLabel(en.settings.newPassword).fill("a-brand-new-password");
    await page.getByTestId("password-change").click();
    await expect
      .poll(() => page.locator("[data-field-error=currentPassword]").textContent(), { timeout: 30_000 })
      .toBe(en.settings.passwordWrong);
    expect((await api("/api/me", { token: elsewhere })).status).toBe(200);
    expect(await accessibilityViolations(page)).toEqual([]);

    await form.getByLabel(en.settings.currentPassword).fill("the-old-password");
    await page.getByTestId("password-change").click();
    await expect
      .poll(() => page.getByTestId("password-status").textContent(), { timeout: 30_000 })
      .toBe(en.settings.passwordChanged);
    expect(await page.locator("[data-field-error]").count()).toBe(0);
    await shot(page, "privacy-04-password-changed-en");
    // The other device is out; this one is still in, after a reload too.
    expect((await api("/api/me", { token: elsewhere })).status).toBe(401);
    await page.reload();
    await expect.poll(() => page.getByTestId("account-email").textContent(), { timeout: 30_000 }).toBe(email);

    await page.getByRole("button", { name: en.nav.signout }).click();
    await signIn("the-old-password");
    await expect
      .poll(() => page.getByRole("alert").textContent(), { timeout: 30_000 })
      .toContain(en.errors.unauthorized);
    await signIn("a-brand-new-password");
    await page.waitForURL(/\/en\/new$/);
    await context.close();
  });

  it("lets someone who forgot their password choose a new one through the emailed link, in French", async () => {
    const email = `forgot-${Date.now()}@refrain.test`;
    await api("/api/auth/signup", { method: "POST", body: JSON.stringify({ email, password: "forgotten-password" }) });
    const context = await person({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${stack.url}/fr/signin`);
    await page.getByRole("link", { name: fr.auth.forgot }).click();
    await page.waitForURL(/\/fr\/forgot$/);
    // Typed once the page's script runs (its button waits for it), as a person would see it work.
    await page.getByRole("button", { name: fr.forgot.submit, disabled: false }).waitFor();
    await page.getByLabel(fr.auth.email).fill(email);
    await page.getByRole("button", { name: fr.forgot.submit }).click();
    await expect
      .poll(() => page.getByTestId("reset-sent").textContent(), { timeout: 30_000 })
      .toBe(fr.forgot.sent.replace("{{email}}", email));
    expect(await accessibilityViolations(page)).toEqual([]);

    // The email, as `npm start` shows it.
    const reset = await printedEmail(email);
    expect(reset.subject).toBe("Choisissez un nouveau mot de passe Refrain");
    const link = /https?:\/\/\S+\/fr\/reset#\S+/.exec(reset.text)![0];
    const opened = new URL(link);
    await page.goto(`${stack.url}${opened.pathname}${opened.hash}`);
    // The token leaves the address bar once read.
    await expect.poll(() => new URL(page.url()).hash, { timeout: 30_000 }).toBe("");
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel(fr.settings.newPassword).fill("remembered-this-time");
    await page.getByRole("button", { name: fr.reset.submit }).click();
    await page.waitForURL(/\/fr\/songs$/);
    await shot(page, "privacy-05-reset-signed-in-fr");

    // The link works once.
    await page.goto(`${stack.url}${opened.pathname}${opened.hash}`);
    await page.getByLabel(fr.settings.newPassword).fill("someone-else-again");
    await page.getByRole("button", { name: fr.reset.submit }).click();
    await expect
      .poll(() => page.getByTestId("reset-link-error").textContent(), { timeout: 30_000 })
      .toContain(fr.reset.invalid);
    await shot(page, "privacy-06-reset-link-used-fr");
    const signIn = (password: string) =>
      api("/api/auth/signin", { method: "POST", body: JSON.stringify({ email, password }) });
    expect((await signIn("forgotten-password")).status).toBe(401);
    expect((await signIn("remembered-this-time")).status).toBe(200);
    await context.close();
  });

  it("shows the privacy page to anyone, in both languages", async () => {
    const context = await person();
    const page = await context.newPage();
    for (const [locale, messages] of [
      ["fr", fr],
      ["en", en],
    ] as const) {
      const response = await page.goto(`${stack.url}/${locale}/privacy`);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe(`${messages.privacy.title} · Refrain`);
      await page.getByRole("heading", { level: 1, name: messages.privacy.title }).waitFor();
      expect(await page.getByTestId("engines").getByRole("row").count()).toBe(messages.privacy.engines.length + 1);
      expect(await page.getByTestId("account-deleted").count()).toBe(0);
      await shot(page, `privacy-04-page-${locale}`);
    }
    await page.goto(`${stack.url}/en/signin`);
    await page.getByRole("link", { name: en.privacy.nav }).click();
    await page.waitForURL(/\/en\/privacy$/);
    await context.close();
  });
});
