import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "../../engine/test-helpers/ffmpeg";
import en from "../../web/app/locales/en";
import fr from "../../web/app/locales/fr";
import { startTurnstileSimulator, TURNSTILE_DUMMY_TOKEN, TURNSTILE_PASS_SECRET } from "../simulators/turnstile";
import { accessibilityViolations, freePort, launchBrowser, type Stack, startStack } from "./stack";

// A person in a browser (Debian's chromium, driven by playwright-core) against `npm start`:
// sign up, order in French, follow every step, play, download, embed on a partner site, switch to English;
// then, on the song shared there, concurrent renders in both languages and the player's link renewal.
const shots = join(process.cwd(), "test-results", "web");
mkdirSync(shots, { recursive: true });

let stack: Stack;
let browser: Browser;
let partner: Server;
let partnerUrl: string;
let embedSrc = "";
let turnstile: Awaited<ReturnType<typeof startTurnstileSimulator>>;
// Cloudflare's widget script cannot be fetched offline: this stand-in renders a box and hands out the
// dummy token Cloudflare's test site keys give; the Worker checks it against the local siteverify.
const TURNSTILE_SITE_KEY = "1x00000000000000000000AA";
const fakeTurnstileScript = `(() => {
  const token = ${JSON.stringify(TURNSTILE_DUMMY_TOKEN)}, widgets = {};
  const solve = (id) => setTimeout(() => widgets[id] && widgets[id].callback(token), 100);
  window.turnstile = {
    render(el, options) { const p = document.createElement("p"); p.textContent = "Turnstile test widget"; el.append(p); const id = "w" + Math.random(); widgets[id] = { ...options, p }; solve(id); return id; },
    reset: solve,
    remove(id) { widgets[id]?.p.remove(); delete widgets[id]; },
  };
})();`;
// Short enough that the shared player renews its stream link within seconds (it renews a minute before expiry, at most every 5 s).
const EMBED_LINK_TTL_SECONDS = 70;
/** What a song approved from its draft goes through, in order, as its page tells it. */
const story = ["WRITING_LYRICS", "LYRICS_READY", "GENERATING_MUSIC", "POSTPROCESSING", "DELIVERING", "SUCCEEDED"];
const OPERATOR = "ops@refrain.test";
const DEMO = { email: "demo@refrain.local", password: "refrain-demo" };

beforeAll(async () => {
  const partnerPort = await freePort();
  partnerUrl = `http://127.0.0.1:${partnerPort}`;
  // A partner's page on another origin, embedding the player and recording what it posts.
  partner = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    const src = new URL(req.url ?? "/", partnerUrl).searchParams.get("src") ?? embedSrc;
    res.end(`<!doctype html><html lang="en"><head><title>Partner</title></head><body><h1>Partner blog</h1>
<iframe id="player" title="Refrain player" src="${src.replaceAll('"', "&quot;")}" width="600" height="120" allow="autoplay"></iframe>
<script>window.events=[];addEventListener("message",e=>{if(e.data&&e.data.source==="refrain")window.events.push({origin:e.origin,...e.data})});</script></body></html>`);
  }).listen(partnerPort, "127.0.0.1");
  turnstile = await startTurnstileSimulator();
  stack = await startStack(240_000, {
    // The partner again as "localhost": another site than the stack's 127.0.0.1, so its frame is cross-site.
    EMBED_ORIGINS: `${partnerUrl} http://localhost:${partnerPort}`,
    EMBED_LINK_TTL_SECONDS: String(EMBED_LINK_TTL_SECONDS),
    TURNSTILE_SITE_KEY,
    TURNSTILE_SECRET_KEY: TURNSTILE_PASS_SECRET,
    TURNSTILE_VERIFY_URL: turnstile.url,
    ADMIN_EMAILS: OPERATOR,
  });
  browser = await launchBrowser(["--autoplay-policy=no-user-gesture-required"]);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  partner?.close();
  await stack?.stop();
  await turnstile?.close();
});

/** Content-Security-Policy violations the browser reports on a page (and its frames). */
const cspViolations: string[] = [];
const watchCsp = (page: Page) =>
  page.on(
    "console",
    (m) => void (/Content Security Policy/i.test(m.text()) && cspViolations.push(`${page.url()}: ${m.text()}`)),
  );
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

/** Every visible UI string: French strings (that differ from English) must not appear, except in content marked lang="fr" (the song's own lyrics, the language switch). */
function frenchOnly(): string[] {
  const out: string[] = [];
  const walk = (f: any, e: any) => {
    for (const k of Object.keys(f)) {
      if (typeof f[k] !== "string") walk(f[k], e?.[k]);
      else if (f[k] !== e?.[k]) out.push(...f[k].split(/\{\{[^}]+\}\}/).map((s: string) => s.trim()));
    }
  };
  walk(fr, en);
  // "Refrain" is also the brand.
  return out.filter((s) => s.length > 4 && s !== "Refrain");
}

describe("the web app in a browser", () => {
  it("signs up, orders in French, follows, plays, downloads, embeds, switches to English", async () => {
    const context = await browser.newContext({ locale: "fr-FR", acceptDownloads: true });
    await context.route("https://challenges.cloudflare.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: fakeTurnstileScript }),
    );
    const page = await context.newPage();
    watchCsp(page);
    const scriptBytes: number[] = [];
    const streams: string[] = [];
    page.on("request", (r) => void (r.url().includes("/events") && streams.push(r.url())));
    page.on("response", async (r) => {
      if (r.request().resourceType() === "script")
        scriptBytes.push((await r.body().catch(() => Buffer.alloc(0))).length);
    });

    // Home: French from Accept-Language, no React: only the samples' small script (budget 100 kB gzipped).
    await page.goto(stack.url);
    expect(new URL(page.url()).pathname).toBe("/fr");
    expect(await page.locator("h1").innerText()).toBe(fr.home.title);
    expect(
      await page
        .locator("script[src]")
        .evaluateAll((s) => s.map((x) => new URL((x as HTMLScriptElement).src).pathname)),
    ).toEqual(["/samples/player.js"]);
    expect(await page.locator("link[rel=modulepreload]").count()).toBe(0);
    expect(scriptBytes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100_000);
    // A visitor reads the price, and finds the prices page, before being asked to sign up.
    const { creditsPerSong } = (await (await fetch(`${stack.url}/api/billing/packs`)).json()) as {
      creditsPerSong: number;
    };
    expect(await page.getByTestId("home-price").innerText()).toContain(
      fr.billing.lead.replace("{{cost}}", String(creditsPerSong)),
    );
    // What a new account starts with (SIGNUP_CREDITS): the account made below has 50 to spend.
    expect(await page.getByTestId("home-price").innerText()).toContain(
      fr.billing.signupCredits.replace("{{credits}}", "50"),
    );
    expect(
      await page
        .getByRole("navigation", { name: fr.nav.main })
        .getByRole("link", { name: fr.billing.pricingTitle })
        .getAttribute("href"),
    ).toBe("/fr/pricing");
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "01-home-fr");

    // The prices page says the same, even where credits cannot be bought, and leads to signing up.
    await page
      .getByRole("navigation", { name: fr.nav.main })
      .getByRole("link", { name: fr.billing.pricingTitle })
      .click();
    await page.getByRole("heading", { level: 1, name: fr.billing.pricingTitle }).waitFor();
    const pricing = page.getByTestId("pricing-signup");
    expect(await pricing.innerText()).toContain(fr.billing.signupCredits.replace("{{credits}}", "50"));
    expect(await accessibilityViolations(page)).toEqual([]);

    // Sign up.
    await pricing.getByRole("link", { name: fr.nav.signup }).click();
    await page.getByLabel(fr.auth.email).fill(`web-${Date.now()}@refrain.test`);
    await page.getByLabel(fr.auth.password).fill("a-good-password");
    await shot(page, "02-signup-fr");
    // Turnstile guards sign-up: the widget gets its token before the form can be sent, and the API refuses a sign-up without one.
    await page.getByTestId("turnstile").getByText("Turnstile test widget").waitFor();
    const unguarded = await fetch(`${stack.url}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `bot-${Date.now()}@refrain.test`, password: "a-good-password" }),
    });
    expect(unguarded.status).toBe(403);
    expect(((await unguarded.json()) as { error: { code: string } }).error.code).toBe("challenge_failed");
    await page.getByRole("button", { name: fr.auth.submitSignup }).click();
    await page.waitForURL(/\/fr\/new$/);
    await page.getByTestId("cost").filter({ hasText: "50" }).waitFor();
    expect(await page.getByTestId("cost").innerText()).toContain("10");

    // The API's field errors, in French.
    await page.getByRole("button", { name: /Confirmer la commande/ }).click();
    await page.locator("[data-field-error=occasion]").waitFor();
    expect(await page.locator("[data-field-error=occasion]").innerText()).toBe(fr.errors.field.occasion);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "03-order-errors-fr");

    await page.getByLabel(fr.order.occasion).fill("anniversaire");
    await page.getByLabel(fr.order.recipientName).fill("Maëlys");
    await page.getByLabel(fr.order.pronounceAs).fill("ma-é-liss");
    expect(await page.getByLabel(fr.order.approveLyrics).isChecked()).toBe(true);
    await page.getByLabel(fr.order.relationship).fill("ma sœur");
    await page.getByLabel(fr.order.details).fill("elle fait du surf chaque matin\nelle rit de tout");
    await page.getByLabel(fr.order.length).selectOption("30");
    // The fields put right no longer say they are wrong, and the summary pointing to them is gone.
    expect(await page.locator("[data-field-error]").count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    await shot(page, "04-order-fr");
    await page.getByRole("button", { name: /Confirmer la commande/ }).click();
    await page.waitForURL(/\/fr\/songs\/[^/]+$/);

    // The draft arrives first: read, edit (a bad line is refused in French), approve.
    const timeline = page.getByTestId("timeline");
    await page.getByTestId("draft").waitFor({ timeout: 120_000 });
    expect(await page.locator("#progress-title").innerText()).toBe(fr.progress.titleDraft);
    expect(await page.getByTestId("transport").innerText()).toBe(fr.progress.live);
    expect(await page.getByTestId("draft-expiry").innerText()).toMatch(/\d{4}/);
    expect(await page.getByTestId("draft-redraft").innerText()).toContain("3");
    // The lyrics to read come before how the order got there, which is folded, under one heading saying what to do.
    expect(await timeline.isVisible()).toBe(false);
    expect(await page.getByRole("heading", { name: fr.progress.lyricsTitle, exact: true }).count()).toBe(0);
    expect(await page.getByRole("complementary", { name: fr.draft.title }).count()).toBe(1);
    const lines = page.getByTestId("draft").locator("textarea[id^=draft-]");
    expect(
      (await lines.evaluateAll((inputs) => inputs.map((i) => (i as HTMLTextAreaElement).value))).join("\n"),
    ).toContain("Maëlys");
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "05-draft-fr");
    // On a phone every line of the draft is read whole, as it will be sung: none is cut at the field's edge.
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 360, height: 740 });
    const hidden = await lines.evaluateAll((areas) =>
      areas.filter((a) => a.scrollWidth > a.clientWidth || a.scrollHeight > a.clientHeight + 1).map((a) => a.id),
    );
    expect(hidden).toEqual([]);
    if (desktop) await page.setViewportSize(desktop);
    const first = page.getByTestId("draft-line-0-0");
    await first.fill("");
    await page.getByTestId("draft-save").click();
    await page.locator("[data-field-error='sections.0.lines.0']").waitFor();
    expect(await page.locator("[data-field-error='sections.0.lines.0']").innerText()).toBe(fr.draft.errors.lineEmpty);
    expect(await first.getAttribute("aria-invalid")).toBe("true");
    // Emoji alone are no line: the singer would say nothing, and the page says so in French.
    await first.fill("🎉🎂");
    await page.getByTestId("draft-save").click();
    await page
      .locator("[data-field-error='sections.0.lines.0']")
      .filter({ hasText: fr.draft.errors.lineWords })
      .waitFor();
    const edited = "Une ligne écrite à la main pour Maëlys";
    await first.fill(edited);
    await page.getByTestId("draft-save").click();
    await page.getByTestId("draft-status").filter({ hasText: fr.draft.saved }).waitFor();
    await page.getByTestId("draft-approve").click();

    // Every step arrives; the approved lyrics are the edited ones.
    await page.getByTestId("lyrics").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("lyrics").innerText()).toContain(edited);
    expect(await page.getByTestId("lyrics").innerText()).toContain("Maëlys");
    await shot(page, "05-progress-fr");
    await page.getByTestId("audio").waitFor({ timeout: 240_000 });
    for (const status of story) expect(await timeline.locator(`[data-status=${status}]`).count(), status).toBe(1);
    expect(await page.locator("[data-step][data-state=done]").count()).toBe(7);
    expect(await page.locator("#progress-title").innerText()).toBe(fr.progress.titleDone);
    // The file's size as French writes it: "1,4 Mo".
    expect(await page.getByTestId("song-details").innerText()).toMatch(/ · \d+,\d\s?Mo$/);
    // Once ready nothing more is coming, so the page no longer says "live"; each stream was opened with a
    // stream ticket, never with the access token in a URL.
    expect(await page.getByTestId("transport").count()).toBe(0);
    expect(streams.length).toBeGreaterThan(0);
    expect(streams.filter((u) => !new URL(u).searchParams.has("ticket") || u.includes("access_token"))).toEqual([]);

    // Play: the position advances.
    await page.getByTestId("audio").evaluate((a: HTMLAudioElement) => a.play());
    await page.waitForFunction(
      () => (document.querySelector("[data-testid=audio]") as HTMLAudioElement).currentTime > 1,
      undefined,
      { timeout: 20_000 },
    );
    await page.getByTestId("audio").evaluate((a: HTMLAudioElement) => a.pause());
    await page.locator("[data-testid=waveform][data-ready=true]").waitFor({ timeout: 20_000 });
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "06-song-fr");

    // Download: a valid MP3.
    const href = await page.getByTestId("download-mp3").getAttribute("href");
    const mp3 = join(shots, "song.mp3");
    writeFileSync(mp3, new Uint8Array(await (await fetch(new URL(href!, stack.url))).arrayBuffer()));
    const decoded = await decode(mp3);
    expect(decoded.codec).toBe("mp3");
    expect(decoded.errors).toBe("");

    // Share and embed on a partner's site (another origin).
    await page.getByTestId("embed").click();
    const snippet = await page.getByTestId("embed-code").inputValue();
    embedSrc = /src="([^"]+)"/.exec(snippet)![1]!.replace(/^https?:\/\/[^/]+/, stack.url);
    const shareUrl = await page.getByTestId("share-url").inputValue();
    const oembed: any = await (await fetch(`${stack.url}/api/oembed?url=${encodeURIComponent(shareUrl)}`)).json();
    expect(oembed.type).toBe("rich");
    // The share link as its recipient opens it: the song's title heads the page and each section of the
    // lyrics is headed right under it, as on the song's own page under "Lyrics".
    const sections = await page.getByTestId("lyrics").getByRole("heading", { level: 3 }).allInnerTexts();
    expect(sections.length).toBeGreaterThan(0);
    const shared = await context.newPage();
    watchCsp(shared);
    await shared.goto(shareUrl.replace(/^https?:\/\/[^/]+/, stack.url));
    expect(await shared.getByRole("heading", { level: 1 }).innerText()).toBe(
      await page.getByRole("heading", { level: 1 }).innerText(),
    );
    expect(await shared.getByTestId("lyrics").getByRole("heading", { level: 2 }).allInnerTexts()).toEqual(sections);
    // The title and the credit once each: the player sits under the page's own.
    const sharedTitle = await shared.getByRole("heading", { level: 1 }).innerText();
    expect(await shared.getByText(sharedTitle, { exact: true }).count()).toBe(1);
    expect(await shared.getByRole("link", { name: new RegExp(`${en.embed.by}|${fr.embed.by}`) }).count()).toBe(1);
    expect(await accessibilityViolations(shared)).toEqual([]);
    await shared.close();
    const framed = await fetch(embedSrc);
    expect(framed.headers.get("content-security-policy")).toContain(partnerUrl);

    const partnerPage = await context.newPage();
    watchCsp(partnerPage);
    await partnerPage.goto(partnerUrl);
    const frame = partnerPage.frameLocator("#player");
    await frame.getByTestId("play").click();
    await partnerPage.waitForFunction(
      () => (window as any).events.some((e: any) => e.type === "timeupdate" && e.currentTime > 0.5),
      undefined,
      { timeout: 20_000 },
    );
    await frame.getByTestId("play").click();
    await partnerPage.waitForFunction(() => (window as any).events.some((e: any) => e.type === "pause"), undefined, {
      timeout: 10_000,
    });
    const events = await partnerPage.evaluate(() => (window as any).events as { type: string; origin: string }[]);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["play", "timeupdate", "pause"]));
    expect(events[0]!.origin).toBe(stack.url);
    const embedFrame = partnerPage.frames().find((f) => f.url().includes("/embed/"))!;
    expect(await accessibilityViolations(embedFrame)).toEqual([]);
    await shot(partnerPage, "07-embed-partner");

    // A gift: a message, the take, no download; opened by someone with no account, on a phone.
    await page.bringToFront();
    const message = "Joyeux anniversaire, ma grande sœur !";
    await page.getByTestId("gift-message-input").fill(message);
    await page.getByLabel(fr.gift.sender).fill("Paul");
    await page.getByTestId("make-gift").click();
    const giftUrl = (await page.getByTestId("gift-url").first().inputValue()).replace(/^https?:\/\/[^/]+/, stack.url);
    expect(new URL(giftUrl).pathname).toMatch(/^\/g\/0\.[A-Za-z0-9_-]{43}$/);
    const recipient = await browser.newContext({
      locale: "en-US",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await recipient.newPage();
    watchCsp(phone);
    const opened = await phone.goto(giftUrl);
    expect(opened?.status()).toBe(200);
    // The sender's language, whatever the recipient's browser says.
    expect(await phone.locator("html").getAttribute("lang")).toBe("fr");
    expect(await phone.getByTestId("gift-name").innerText()).toBe("Maëlys");
    expect(await phone.getByTestId("gift-message").innerText()).toContain(message);
    expect(await phone.getByTestId("gift-message").innerText()).toContain("Paul");
    expect(await phone.getByTestId("gift-download").count()).toBe(0);
    const og = async (property: string) => phone.locator(`meta[property="${property}"]`).getAttribute("content");
    expect(await og("og:title")).toBe(fr.gift.headline.replace("{{name}}", "Maëlys"));
    const coverUrl = (await og("og:image"))!.replace(/^https?:\/\/[^/]+/, stack.url);
    expect(await phone.locator('meta[name="twitter:card"]').getAttribute("content")).toBe("summary_large_image");
    // Start where the first line is sung: that line lights up.
    const view: any = await (await fetch(`${stack.url}/api/public/gifts/${giftUrl.split("/g/")[1]}`)).json();
    const firstLine = view.timings[0];
    await phone
      .getByTestId("audio")
      .evaluate((a: HTMLAudioElement, at: number) => ((a.currentTime = at), a.play()), firstLine.startSec + 0.2);
    await phone.getByTestId("current-line").waitFor({ timeout: 20_000 });
    expect(await phone.getByTestId("current-line").innerText()).toBe(
      view.lyrics.sections[firstLine.section].lines[firstLine.line],
    );
    expect(await phone.getByTestId("current-line").getAttribute("aria-current")).toBe("true");
    await phone.waitForFunction(
      (from) => (document.querySelector("[data-testid=audio]") as HTMLAudioElement).currentTime > from + 1,
      firstLine.startSec,
      { timeout: 20_000 },
    );
    expect(await accessibilityViolations(phone)).toEqual([]);
    await phone.screenshot({ path: join(shots, "11-gift-phone.png") });
    await shot(phone, "11-gift-phone-full");
    const cover = await fetch(coverUrl);
    expect(cover.headers.get("content-type")).toBe("image/png");
    const png = new Uint8Array(await cover.arrayBuffer());
    writeFileSync(join(shots, "12-gift-cover.png"), png);
    expect(Buffer.from(png.subarray(16, 24)).readUInt32BE(0)).toBe(1200);

    // The sender sees the play, revokes, and the link is gone.
    await page.reload();
    await page.getByTestId("gift-plays").filter({ hasText: /1/ }).waitFor({ timeout: 20_000 });
    await page.getByTestId("revoke-gift").click();
    await page.locator("[data-testid=gift][data-revoked=true]").waitFor();
    const after = await phone.reload();
    expect(after?.status()).toBe(410);
    await phone.getByTestId("gift-gone").waitFor();
    await recipient.close();

    // English everywhere: no French string left outside the song's own French content.
    await page.bringToFront();
    await page.getByTestId("switch-language").click();
    await page.waitForURL(/\/en\/songs\//);
    await page.getByRole("heading", { name: en.progress.lyricsTitle }).waitFor();
    const visible = await page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('[lang="fr"], script').forEach((n) => n.remove());
      return (
        clone.innerText +
        " " +
        [...document.querySelectorAll("[aria-label]")]
          .filter((n) => !n.closest('[lang="fr"]'))
          .map((n) => n.getAttribute("aria-label"))
          .join(" ")
      );
    });
    const left = frenchOnly().filter((s) => visible.includes(s));
    expect(left).toEqual([]);
    expect(visible).toContain(en.song.downloadMp3);
    expect(visible).toContain(en.progress.titleDone);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    // Opened again once finished, the song's page leads with its player; its whole story is one tap away.
    await page.getByTestId("audio").waitFor();
    expect(await timeline.isVisible()).toBe(false);
    expect(
      await page.evaluate(() => {
        const audio = document.querySelector("[data-testid=audio]");
        const history = document.querySelector("[data-testid=history]");
        return Boolean(audio && history && audio.compareDocumentPosition(history) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
    ).toBe(true);
    await page.getByTestId("history").locator("summary").click();
    await timeline.locator("[data-status=SUCCEEDED]").waitFor();
    const told = await timeline.locator("[data-status]").evaluateAll((items) => items.map((i) => i.dataset.status));
    expect(told.filter((status) => status !== "QUEUED")).toEqual(story);
    // The steps, seconds apart, each keep their own time.
    const times = await timeline.locator("time").allInnerTexts();
    expect(
      times.every((time) => /\d{1,2}:\d{2}:\d{2}/.test(time)),
      times.join(" | "),
    ).toBe(true);
    await shot(page, "08-song-en");
    const songTitle = await page.locator("h1").innerText();
    for (const [path, name] of [
      ["/en/songs", "09-library-en"],
      ["/en/credits", "10-credits-en"],
    ] as const) {
      await page.goto(stack.url + path);
      await page.locator("h1").waitFor();
      await page.waitForLoadState("networkidle");
      expect(await accessibilityViolations(page)).toEqual([]);
      await shot(page, name);
    }
    expect(await page.getByTestId("balance").innerText()).toBe("40");
    expect(cspViolations).toEqual([]);
    // Each row of the order names the song it paid for.
    const forSong = (reason: string) =>
      en.credits.forSong.replace("{{reason}}", reason).replace("{{title}}", songTitle);
    expect(await page.getByTestId("ledger-reason").allInnerTexts()).toEqual([
      forSong(en.credits.reasons.delivered),
      forSong(en.credits.reasons.order),
      en.credits.reasons.welcome,
    ]);
    // Signed amounts, newest first, with the balance after each: the welcome +50, the song −10, 40 left.
    expect(await page.getByTestId("ledger-amount").allInnerTexts()).toEqual([
      "\u221210",
      en.firstSong.credits.held.replace("{{n}}", "10"),
      "+50",
    ]);
    expect(await page.getByTestId("ledger-balance").allInnerTexts()).toEqual(["40", "50", "50"]);
    // On a phone the pages fit the screen: a table too wide for it scrolls in its own region, not the page.
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/en/songs", "/en/credits", "/en/settings", "/en/privacy"]) {
      await page.goto(stack.url + path);
      await page.locator("h1").waitFor();
      await page.waitForLoadState("networkidle");
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(sideways, path).toBeLessThanOrEqual(0);
    }
    // The credit history reads as cards there, each value beside its column's name: nothing to scroll sideways.
    await page.goto(`${stack.url}/en/credits`);
    await page.getByTestId("ledger-balance").first().waitFor();
    const history = page.locator(".table-scroll", { has: page.locator("table.stacked") });
    expect(await history.evaluate((r) => r.scrollWidth - r.clientWidth)).toBeLessThanOrEqual(1);
    expect(
      await page
        .getByTestId("ledger-balance")
        .first()
        .evaluate((cell) => getComputedStyle(cell, "::before").content),
    ).toBe(JSON.stringify(en.firstSong.credits.balanceAfter));
    await context.close();
  }, 600_000);

  it("renders 200 concurrent pages each in its own language, from the URL or from Accept-Language", async () => {
    expect(embedSrc, "the shared song of the first test").not.toBe("");
    const shared = new URL(embedSrc).pathname + new URL(embedSrc).search;
    const variants: { path: string; acceptLanguage?: string; locale: "fr" | "en"; text: (m: typeof en) => string }[] = [
      { path: "/en", locale: "en", text: (m) => m.home.title },
      { path: "/fr", locale: "fr", text: (m) => m.home.title },
      { path: "/en/signin", locale: "en", text: (m) => m.auth.signinTitle },
      { path: "/fr/signin", locale: "fr", text: (m) => m.auth.signinTitle },
      { path: shared, acceptLanguage: "en-GB,en;q=0.9,fr;q=0.3", locale: "en", text: (m) => m.embed.by },
      { path: shared, acceptLanguage: "fr-CA,fr;q=0.9,en;q=0.8", locale: "fr", text: (m) => m.embed.by },
      { path: shared, acceptLanguage: "de-DE,de;q=0.9,en;q=0.5", locale: "en", text: (m) => m.embed.by },
      { path: `${shared}&lang=fr`, acceptLanguage: "en-US,en", locale: "fr", text: (m) => m.embed.by },
    ];
    const pages = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const variant = variants[i % variants.length]!;
        const response = await fetch(stack.url + variant.path, {
          headers: variant.acceptLanguage ? { "accept-language": variant.acceptLanguage } : {},
        });
        return { variant, status: response.status, html: await response.text() };
      }),
    );
    const messages = { en, fr };
    const wrong = pages.flatMap(({ variant, status, html }, i) => {
      const other = variant.locale === "en" ? "fr" : "en";
      // What a person sees: the body before the hydration data (which carries the page's locale table).
      const start = html.indexOf("<body");
      const end = html.indexOf("<script", start);
      const body = html
        .slice(start, end < 0 ? undefined : end)
        .replaceAll("&#x27;", "'")
        .replaceAll("&amp;", "&");
      const problems = [
        status !== 200 && `status ${status}`,
        !html.includes(`<html lang="${variant.locale}"`) && `lang ${/<html lang="(\w+)"/.exec(html)?.[1]}`,
        !body.includes(variant.text(messages[variant.locale])) && `no "${variant.text(messages[variant.locale])}"`,
        body.includes(variant.text(messages[other])) && `shows "${variant.text(messages[other])}"`,
      ].filter(Boolean);
      return problems.length
        ? [`#${i} ${variant.path} (${variant.acceptLanguage ?? "no Accept-Language"}): ${problems.join(", ")}`]
        : [];
    });
    expect(wrong).toEqual([]);
  }, 120_000);

  it("renews the shared player's stream link before it expires, and playback goes on", async () => {
    expect(embedSrc, "the shared song of the first test").not.toBe("");
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(embedSrc);
    const audio = page.getByTestId("audio");
    // Every change of the audio element's source, with when it happened and where playback was.
    await audio.evaluate((a: HTMLAudioElement) => {
      (window as any).swaps = [];
      new MutationObserver(() =>
        (window as any).swaps.push({ src: a.src, at: Date.now(), currentTime: a.currentTime }),
      ).observe(a, { attributes: true, attributeFilter: ["src"] });
    });
    const first = new URL(await audio.evaluate((a: HTMLAudioElement) => a.src));
    await page.getByTestId("play").click();
    await page.waitForFunction(
      () => (document.querySelector("[data-testid=audio]") as HTMLAudioElement).currentTime > 1,
      undefined,
      { timeout: 20_000 },
    );

    await page.waitForFunction(() => (window as any).swaps.length > 0, undefined, {
      timeout: (EMBED_LINK_TTL_SECONDS - 50) * 1000,
    });
    const swap = (await page.evaluate(() => (window as any).swaps[0])) as {
      src: string;
      at: number;
      currentTime: number;
    };
    const renewed = new URL(swap.src);
    expect(renewed.pathname).toBe(first.pathname);
    expect(renewed.searchParams.get("sig")).not.toBe(first.searchParams.get("sig"));
    expect(Number(renewed.searchParams.get("exp"))).toBeGreaterThan(Number(first.searchParams.get("exp")));
    // Renewed while the first link still worked, from where playback was.
    expect(swap.at).toBeLessThan(Number(first.searchParams.get("exp")) * 1000);
    expect(swap.currentTime).toBeGreaterThan(1);
    expect((await fetch(renewed, { headers: { range: "bytes=0-9" } })).status).toBe(206);

    // Playback goes on with the new link: still playing, and further along.
    await page.waitForFunction(
      (at) => {
        const a = document.querySelector("[data-testid=audio]") as HTMLAudioElement;
        return !a.paused && a.currentTime > at + 1;
      },
      swap.currentTime,
      { timeout: 10_000 },
    );
    expect(await audio.evaluate((a: HTMLAudioElement) => a.src)).toBe(swap.src);
    await context.close();
  }, 120_000);
  it("gives operators their console (metrics with charts, jobs and their events, engines and routing, credit grants), and nobody else", async () => {
    const api = async (path: string, init: RequestInit & { token?: string } = {}) =>
      fetch(stack.url + path, {
        ...init,
        headers: {
          "content-type": "application/json",
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.headers as Record<string, string>),
        },
      });
    const demo = (await (await api("/api/auth/signin", { method: "POST", body: JSON.stringify(DEMO) })).json()) as {
      accessToken: string;
    };
    /** The demo orders a 30 s birthday song for Ana through the API. */
    const order = async (story: { details: string[]; styleTags: string[] }) => {
      const ordered = await api("/api/jobs", {
        method: "POST",
        token: demo.accessToken,
        headers: { "idempotency-key": crypto.randomUUID(), "cf-turnstile-response": TURNSTILE_DUMMY_TOKEN },
        body: JSON.stringify({
          mode: "context",
          occasion: "birthday",
          recipientName: "Ana",
          language: "en",
          vocal: "female",
          durationSeconds: 30,
          ...story,
        }),
      });
      expect(ordered.status).toBe(202);
      return ((await ordered.json()) as { id: string }).id;
    };
    const made = (id: string) =>
      expect
        .poll(
          async () =>
            ((await (await api(`/api/jobs/${id}`, { token: demo.accessToken })).json()) as { status: string }).status,
          { timeout: 120_000, intervals: [1000] },
        )
        .toBe("SUCCEEDED");
    const orderedId = await order({ details: ["she sings"], styleTags: ["folk"] });
    expect((await api("/api/admin/metrics", { token: demo.accessToken })).status).toBe(404);
    // The operator looks once the song is made: its engine's calls are in the metrics.
    await made(orderedId);

    const context = await browser.newContext({ locale: "en-GB" });
    await context.route("https://challenges.cloudflare.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: fakeTurnstileScript }),
    );
    const page = await context.newPage();
    // A person who is not an operator sees what an unknown address shows.
    await page.goto(`${stack.url}/en/signin`);
    await page.getByLabel(en.auth.email).fill(DEMO.email);
    await page.getByLabel(en.auth.password).fill(DEMO.password);
    await page.getByRole("button", { name: en.auth.submitSignin }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
    // The home page, signed in: their menu and the order button, not a visitor's sign-in links.
    await page.goto(`${stack.url}/en`);
    const menu = page.getByRole("navigation", { name: en.nav.main });
    await menu.getByRole("link", { name: en.nav.library }).waitFor();
    expect(await menu.getByRole("link", { name: en.nav.signin }).count()).toBe(0);
    expect(await page.getByRole("link", { name: en.home.cta }).getAttribute("href")).toBe("/en/new");
    expect(await page.getByRole("link", { name: en.home.ctaSignin }).count()).toBe(0);
    // An old sign-in link sends someone signed in on, to order.
    await page.goto(`${stack.url}/en/signin`);
    await page.waitForURL(/\/en\/new$/);
    await page.goto(`${stack.url}/en/admin`);
    await page.getByText(en.admin.notFound).waitFor();
    expect(await page.getByRole("link", { name: en.nav.admin }).count()).toBe(0);
    await page.getByRole("button", { name: en.nav.signout }).click();
    // Signed out, the home page is a visitor's again, and ships no React.
    await page.waitForURL(/\/en\/signin/);
    await page.goto(`${stack.url}/en`);
    await menu.getByRole("link", { name: en.nav.signin }).waitFor();
    expect(await page.locator("link[rel=modulepreload]").count()).toBe(0);

    // The operator.
    await page.goto(`${stack.url}/en/signup`);
    await page.getByLabel(en.auth.email).fill(OPERATOR);
    await page.getByLabel(en.auth.password).fill("operator passphrase");
    await page.getByRole("button", { name: en.auth.submitSignup }).click();
    await page.waitForURL(/\/en\/new$/);
    // On a phone, an operator's menu (six links, French being the longer) keeps its rows from page to page.
    await page.setViewportSize({ width: 390, height: 844 });
    const headerHeights = new Map<string, number>();
    for (const path of ["/fr/new", "/fr/songs", "/fr/credits", "/fr/settings", "/fr/admin"]) {
      await page.goto(stack.url + path);
      await page.getByRole("link", { name: fr.nav.admin }).waitFor();
      headerHeights.set(path, Math.round((await page.locator("header.top").boundingBox())!.height));
    }
    expect(new Set(headerHeights.values()).size, JSON.stringify([...headerHeights])).toBe(1);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${stack.url}/en/new`);
    await page.getByRole("link", { name: en.nav.admin }).click();
    await page.getByTestId("success-rate").waitFor();
    // What fires now comes first; on a quiet local stack, nothing (test/alerts.test.ts makes them fire).
    const alertsRegion = page.getByRole("region", { name: en.admin.alerts.title });
    await alertsRegion.getByText(en.admin.alerts.none).waitFor();
    expect(await page.locator("svg.chart").count()).toBeGreaterThanOrEqual(6);
    // Each chart is drawn at the width it is shown at, so its labels keep their 13 px in a third of the page.
    const labels = () =>
      page.locator("svg.chart .chart-label").evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().height));
    expect((await labels()).length).toBeGreaterThan(0);
    // Polled: a panel may still be settling its width (a scroll bar appearing) when the charts first draw.
    await expect.poll(async () => Math.min(...(await labels()))).toBeGreaterThanOrEqual(12);
    // On a laptop's screen every column of the overview's tables shows: none is cut at its panel's edge.
    expect(page.viewportSize()?.width).toBe(1280);
    const cut = await page
      .locator(".panels .table-scroll")
      .evaluateAll((regions) =>
        regions.filter((r) => r.scrollWidth > r.clientWidth + 1).map((r) => r.getAttribute("aria-label")),
      );
    expect(cut).toEqual([]);
    // The built-in lyrics writer is named as one beside the engine that made the songs.
    const engines = await page
      .getByRole("region", { name: en.admin.overview.engines })
      .locator("tbody td:first-child")
      .allTextContents();
    expect(engines).toEqual(
      expect.arrayContaining([en.admin.overview.lyricsWriter.replace("{{engine}}", "builtin"), "internal"]),
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "20-admin-overview-en");

    await page
      .getByRole("navigation", { name: en.admin.nav.label })
      .getByRole("link", { name: en.admin.nav.jobs })
      .click();
    await page.getByLabel(en.admin.jobs.user).fill(DEMO.email);
    await page.getByRole("button", { name: en.admin.jobs.apply }).click();
    await page.locator("tbody tr").first().waitFor();
    expect(await page.locator("tbody").innerText()).toContain(DEMO.email);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "21-admin-jobs-en");
    await page.locator("tbody tr a").first().click();
    await page.getByTestId("events").locator("li").first().waitFor();
    expect(await page.getByTestId("events").innerText()).toContain("queued");
    await shot(page, "22-admin-job-en");

    await page
      .getByRole("navigation", { name: en.admin.nav.label })
      .getByRole("link", { name: en.admin.nav.engines })
      .click();
    // Engines are chosen among those this deployment has (npm start: the built-in engine and the instrumental
    // fallback), and the default routing it offers saves as it is, though its FAILOVER_CHAIN names Suno.
    const arm = page.getByLabel(en.admin.engines.engine, { exact: true }).first();
    await expect
      .poll(() => arm.locator("option").allTextContents())
      .toEqual([en.admin.engines.chooseEngine, "internal", "instrumental"]);
    const step = (n: number) =>
      page.getByLabel(en.admin.engines.failoverStep.replace("{{n}}", String(n)), { exact: true });
    const chain = async () => [await step(1).inputValue(), await step(2).inputValue()];
    await page.getByRole("button", { name: en.admin.engines.reset }).click();
    expect(await chain()).toEqual(["internal", "instrumental"]);
    expect(await arm.inputValue()).toBe("internal");
    await page.getByRole("button", { name: en.admin.engines.save }).click();
    await page.getByText(en.admin.engines.saved).waitFor();
    // The failover order is changed by moving an engine up, and kept.
    await page.getByRole("button", { name: en.admin.engines.earlier.replace("{{n}}", "2") }).click();
    await page.getByRole("button", { name: en.admin.engines.save }).click();
    await page.getByText(en.admin.engines.saved).waitFor();
    await page.reload();
    await step(2).waitFor();
    expect(await chain()).toEqual(["instrumental", "internal"]);
    await page.getByRole("button", { name: en.admin.engines.reset }).click();
    await page.getByRole("button", { name: en.admin.engines.save }).click();
    await page.getByText(en.admin.engines.saved).waitFor();
    // A blind comparison of the two local engines decides one order: the person keeps the second take, and
    // the console counts it for that take's engine.
    expect(await page.getByText(en.admin.engines.noComparisons).count()).toBe(1);
    const ops = (await (
      await api("/api/auth/signin", {
        method: "POST",
        body: JSON.stringify({ email: OPERATOR, password: "operator passphrase" }),
      })
    ).json()) as { accessToken: string };
    const routing = async (config: unknown) =>
      expect(
        (await api("/api/admin/routing", { method: "PUT", token: ops.accessToken, body: JSON.stringify(config) }))
          .status,
      ).toBe(200);
    const { config: saved } = (await (await api("/api/admin/routing", { token: ops.accessToken })).json()) as {
      config: Record<string, unknown>;
    };
    await routing({ ...saved, blind: { providers: ["internal", "instrumental"], percent: 100 } });
    const comparedId = await order({ details: [], styleTags: ["pop"] });
    await routing(saved);
    await made(comparedId);
    const { takes } = (await (await api(`/api/jobs/${comparedId}`, { token: demo.accessToken })).json()) as {
      takes: { trackId: string }[];
    };
    expect(takes).toHaveLength(2);
    const kept = await api(`/api/jobs/${comparedId}/choose`, {
      method: "POST",
      token: demo.accessToken,
      body: JSON.stringify({ trackId: takes[1]!.trackId }),
    });
    expect(kept.status).toBe(200);
    await page.reload();
    const results = page.getByTestId("blind-results").locator("tbody tr");
    await results.waitFor();
    const cells = await results.locator("td").allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(["instrumental / internal", "1"]);
    expect(cells.slice(2).filter((cell) => cell.includes(": 1 kept (100.0 %)"))).toHaveLength(1);
    expect(cells.slice(2).filter((cell) => cell.includes(": 0 kept (0.0 %)"))).toHaveLength(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "23-admin-engines-en");

    await page
      .getByRole("navigation", { name: en.admin.nav.label })
      .getByRole("link", { name: en.admin.nav.credits })
      .click();
    await page.getByLabel(en.admin.grant.email).fill(DEMO.email);
    await page.getByLabel(en.admin.grant.amount).fill("5");
    await page.getByLabel(en.admin.grant.reason).fill("thanks for testing");
    await page.getByRole("button", { name: en.admin.grant.submit }).click();
    await page.getByTestId("grant-done").waitFor();
    const ledger = (await (await api("/api/credits", { token: demo.accessToken })).json()) as {
      ledger: { kind: string; amount: number; reason: string }[];
    };
    expect(
      ledger.ledger.filter((e) => e.kind === "grant" && e.reason === "thanks for testing").map((e) => e.amount),
    ).toEqual([5]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "24-admin-credits-en");

    // On a phone, in French, whose labels run longer: every chart's labels are whole inside the chart.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.url}/fr/admin`);
    await page.getByTestId("success-rate").waitFor();
    const outside = () =>
      page.locator("svg.chart").evaluateAll((charts) =>
        charts.flatMap((chart) => {
          const box = chart.getBoundingClientRect();
          return [...chart.querySelectorAll(".chart-label, .chart-value")]
            .filter((text) => {
              const r = text.getBoundingClientRect();
              return r.left < box.left - 0.5 || r.right > box.right + 0.5 || text.textContent?.endsWith("…");
            })
            .map((text) => text.textContent);
        }),
      );
    await expect.poll(outside).toEqual([]);
    await shot(page, "25-admin-overview-fr-phone");
    // A routing the API refuses is explained in the console's language, and nothing is stored.
    await page.goto(`${stack.url}/fr/admin/engines`);
    const weight = page.getByLabel(fr.admin.engines.weight, { exact: true }).first();
    await weight.waitFor();
    const stored = await weight.inputValue();
    await weight.fill("0");
    await page.getByRole("button", { name: fr.admin.engines.save }).click();
    const refused = page.getByRole("alert");
    await refused.getByText(fr.admin.engines.refused.arms).waitFor();
    expect(await refused.innerText()).toContain(fr.errors.validation_failed);
    await page.reload();
    await weight.waitFor();
    expect(await weight.inputValue()).toBe(stored);
    await context.close();
  }, 300_000);

  it("lets a person cancel an order while it is made: its credits come back at once, and the page says so", async () => {
    const signedIn = await fetch(`${stack.url}/api/auth/signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(DEMO),
    });
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const available = async () =>
      (
        (await (
          await fetch(`${stack.url}/api/credits`, { headers: { authorization: `Bearer ${accessToken}` } })
        ).json()) as { available: number }
      ).available;
    const before = await available();

    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 390, height: 844 } });
    await context.route("https://challenges.cloudflare.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: fakeTurnstileScript }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.url}/en/signin`);
    await page.getByLabel(en.auth.email).fill(DEMO.email);
    await page.getByLabel(en.auth.password).fill(DEMO.password);
    await page.getByRole("button", { name: en.auth.submitSignin }).click();
    await page.waitForURL(/\/en\/new$/);
    await page.getByLabel(en.order.occasion).fill("retirement");
    await page.getByLabel(en.order.recipientName).fill("Joan");
    await page.getByRole("button", { name: /Confirm the order/ }).click();
    await page.waitForURL(/\/en\/songs\//);
    // The lyrics wait for approval: the order is held, and the person changes their mind.
    await page.getByTestId("draft").waitFor({ timeout: 120_000 });
    // In the list of songs, it says the next move is the person's.
    const songPage = page.url();
    await page.goto(`${stack.url}/en/songs`);
    expect(await page.getByRole("listitem").filter({ hasText: "Joan" }).first().locator(".badge").innerText()).toBe(
      en.library.toApprove,
    );
    await page.goto(songPage);
    await page.getByTestId("draft").waitFor();
    const held = before - (await available());
    expect(held).toBeGreaterThan(0);
    const cancel = page.getByTestId("cancel-order");
    await cancel.getByRole("button", { name: en.progress.cancel }).click();
    expect(await cancel.locator("p").first().innerText()).toBe(
      en.progress.cancelAsk_other.replace("{{formatted}}", String(held)),
    );
    await cancel.getByRole("button", { name: en.progress.cancelNo }).click();
    expect(await available()).toBe(before - held);
    await cancel.getByRole("button", { name: en.progress.cancel }).click();
    await cancel.getByRole("button", { name: en.progress.cancelYes }).click();

    await page.getByTestId("failure-reason").filter({ hasText: en.progress.canceled }).waitFor();
    expect(await page.locator("#progress-title").innerText()).toBe(en.progress.titleStopped);
    // What became of the order and its credits comes first; how it got there is folded below.
    expect(
      await page.evaluate(() => {
        const failure = document.querySelector("[data-testid=failure]");
        const history = document.querySelector("[data-testid=history]");
        return Boolean(
          failure && history && failure.compareDocumentPosition(history) & Node.DOCUMENT_POSITION_FOLLOWING,
        );
      }),
    ).toBe(true);
    expect(await page.getByTestId("timeline").isVisible()).toBe(false);
    // Where it stopped: the lyrics were written, nothing after them was begun.
    expect(await page.locator("[data-step=LYRICS_READY]").getAttribute("data-state")).toBe("stopped");
    expect(await page.locator("[data-step][data-state=pending]").count()).toBe(4);
    expect(await page.getByTestId("failure").innerText()).toContain(
      en.progress.refunded_other.replace("{{formatted}}", String(held)),
    );
    expect(await available()).toBe(before);
    expect(await page.getByTestId("cancel-order").count()).toBe(0);
    expect(await page.getByTestId("draft").count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "14-canceled-en");
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("tells someone who follows a broken link what happened and where to go, in their language", async () => {
    const cases = [
      // A gift link cut by a messaging app, opened on a French phone.
      { locale: "fr-FR", path: "/g/0.cut-short", messages: fr, text: fr.errorPage.giftNotFound, home: "/fr" },
      { locale: "en-GB", path: "/s/trk_nothing?t=nope", messages: en, text: en.errorPage.sharedNotFound, home: "/en" },
      { locale: "fr-FR", path: "/en/no-such-page", messages: en, text: en.errorPage.notFound, home: "/en" },
      // A language the site does not have: the visitor's own, from the browser.
      { locale: "en-US", path: "/de/lieder", messages: en, text: en.errorPage.notFound, home: "/en" },
    ];
    for (const { locale, path, messages, text, home } of cases) {
      const context = await browser.newContext({ locale, viewport: { width: 375, height: 667 }, isMobile: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const response = await page.goto(stack.url + path);
      expect(response?.status(), path).toBe(404);
      expect(await page.locator("h1").innerText(), path).toBe(messages.errorPage.notFoundTitle);
      expect(await page.getByTestId("error-page").locator("p").first().innerText(), path).toBe(text);
      expect(await page.getByRole("link", { name: messages.errorPage.home }).getAttribute("href"), path).toBe(home);
      expect(await page.title(), path).toContain(messages.errorPage.notFoundTitle);
      expect(errors, path).toEqual([]);
      if (path.startsWith("/g/")) await shot(page, "13-gift-broken-link-fr");
      await context.close();
    }
  }, 60_000);

  it("lets a visitor hear a sample in each language on the home page, its sung line lit", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // A visitor's page asks whether someone is signed in: the answer "nobody" is no error in the console.
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    await page.goto(`${stack.url}/en`);
    for (const language of ["en", "fr"] as const) {
      const sample = JSON.parse(
        readFileSync(join(process.cwd(), "public", "samples", `sample-${language}.json`), "utf8"),
      );
      const box = page.getByTestId(`sample-${language}`);
      expect(await box.getByRole("heading", { level: 3 }).innerText()).toBe(en.firstSong.home.sample[language]);
      // The lines shown are the lines sung, in order.
      const shown = await box.locator("[data-start]").allInnerTexts();
      const sung = [...sample.timings]
        .sort((a: any, b: any) => a.startSec - b.startSec)
        .map((t: any) => sample.lyrics.sections[t.section].lines[t.line]);
      expect(shown).toEqual(sung);
      // Played from the start: the first sung line lights up when its time comes.
      const first = [...sample.timings].sort((a: any, b: any) => a.startSec - b.startSec)[0];
      await box.locator("audio").evaluate((a: HTMLAudioElement) => a.play());
      await box.locator("p.sung").waitFor({ timeout: 20_000 + first.startSec * 1000 });
      expect(await box.locator("p.sung").innerText()).toBe(sample.lyrics.sections[first.section].lines[first.line]);
      expect(await box.locator("p.sung").getAttribute("aria-current")).toBe("true");
      // Its length is said before it plays (the player shows 0:00 until then), and is the file's.
      const length = await box.locator("audio").evaluate((a: HTMLAudioElement) => a.duration);
      await box.locator("audio").evaluate((a: HTMLAudioElement) => a.pause());
      expect(Math.round(length)).toBe(sample.durationSeconds);
      expect(await box.locator("p.muted").innerText()).toContain(
        `${en.song.duration} 0:${String(sample.durationSeconds).padStart(2, "0")}`,
      );
    }
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "30-home-samples-en");
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("orders custom lyrics for someone: the song page, the gift page and its cover carry their name; the embed runs cross-site without errors", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    await context.route("https://challenges.cloudflare.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: fakeTurnstileScript }),
    );
    const page = await context.newPage();
    await page.goto(`${stack.url}/en/signin`);
    // The demo sign-in is printed by the local start only, never shown by a page.
    expect(await page.locator("body").innerText()).not.toContain(DEMO.password);
    await page.getByLabel(en.auth.email).fill(DEMO.email);
    await page.getByLabel(en.auth.password).fill(DEMO.password);
    await page.getByRole("button", { name: en.auth.submitSignin }).click();
    await page.waitForURL(/\/en\/new$/);

    await page.getByLabel(en.order.modeCustom).check();
    const title = "Happy Birthday, Siobhán";
    await page.getByLabel(en.order.songTitle, { exact: true }).fill(title);
    // Limits are said before they are reached.
    expect(await page.getByTestId("count-title").innerText()).toBe(`${[...title].length}/80`);
    await page.getByTestId("custom-recipient").fill("Siobhán");
    await page.getByLabel(en.order.pronounceAs).fill("shi-vawn");
    // Lyrics longer than the length sings: the API's refusal in the page's words, with a length the page offers.
    await page
      .getByLabel(en.order.lyrics, { exact: true })
      .fill("[Verse]\nSiobhán, here is one\nHere is two 🎂\n🎉\nHere is three\n[Chorus]\nFour\nFive\nSix");
    await page.getByLabel(en.order.length).selectOption("30");
    expect(await page.getByTestId("count-lyrics").innerText()).toContain("6 lines");
    await page.getByRole("button", { name: /Confirm the order/ }).click();
    const tooMany =
      "6 lines are too many for a song of 30 seconds, which sings at most 4: choose 60 seconds or longer, or shorten the lyrics.";
    await page.locator("[data-field-error=lyrics]").waitFor();
    expect(await page.locator("[data-field-error=lyrics]").innerText()).toBe(tooMany);
    expect(await page.getByRole("alert").innerText()).toContain(tooMany);
    // Another length may fit: the refusal goes until the API is asked again.
    await page.getByLabel(en.order.length).selectOption("60");
    expect(await page.locator("[data-field-error=lyrics]").count()).toBe(0);
    await page
      .getByLabel(en.order.lyrics, { exact: true })
      .fill(
        "[Verse]\nSiobhán, the candles light the room\nYour laugh is how the mornings bloom\n[Chorus]\nHappy birthday, Siobhán, sing along\nSiobhán, this is your song",
      );
    await page.getByLabel(en.order.length).selectOption("30");
    expect(await page.getByTestId("count-lyrics").innerText()).toContain("4 lines");
    // Switching the page to French offers to sing the song in French too.
    await page.getByTestId("switch-language").click();
    await page.waitForURL(/\/fr\/new$/);
    await page.getByTestId("language-offer").waitFor();
    await shot(page, "31-order-custom-language-offer-fr");
    await page.getByTestId("switch-language").click();
    await page.waitForURL(/\/en\/new$/);
    expect(await page.getByTestId("custom-recipient").inputValue()).toBe("Siobhán");
    await shot(page, "32-order-custom-en");
    await page.getByRole("button", { name: /Confirm the order/ }).click();
    await page.waitForURL(/\/en\/songs\/[^/]+$/);
    const jobId = page.url().split("/").pop()!;
    await page.getByTestId("audio").waitFor({ timeout: 240_000 });

    // The title once; the status before the player; one action for another take, its cost said first.
    expect(await page.locator("h1").allInnerTexts()).toEqual([title]);
    expect(await page.getByText(title, { exact: true }).count()).toBe(1);
    const order = await page.evaluate(() => {
      const status = document.querySelector("#progress-title")!;
      const audio = document.querySelector("[data-testid=audio]")!;
      return Boolean(status.compareDocumentPosition(audio) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order).toBe(true);
    expect(await page.getByTestId("another-take-cost").innerText()).toBe(en.firstSong.song.costFree);
    expect(await page.getByTestId("make-variation").innerText()).toBe(en.firstSong.song.makeFree);
    expect(await page.getByRole("button", { name: /another take/i }).count()).toBe(1);

    // The lyrics shown are the lines the take sang, in order, lit as they are sung.
    const signin = (await (
      await fetch(`${stack.url}/api/auth/signin`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(DEMO),
      })
    ).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${signin.accessToken}` };
    const job: any = await (await fetch(`${stack.url}/api/jobs/${jobId}`, { headers: auth })).json();
    expect(job.request).toMatchObject({ recipientName: "Siobhán" });
    const trackId = job.chosenTrackId ?? job.takes[0].trackId;
    const track: any = await (await fetch(`${stack.url}/api/tracks/${trackId}`, { headers: auth })).json();
    if (track.timings?.length) {
      const sung = [...track.timings].sort((a: any, b: any) => a.startSec - b.startSec);
      expect(await page.getByTestId("lyrics").locator("p").allInnerTexts()).toEqual(
        sung.map((t: any) => job.lyrics.sections[t.section].lines[t.line]),
      );
      await page
        .getByTestId("audio")
        .evaluate((a: HTMLAudioElement, at: number) => ((a.currentTime = at), a.play()), sung[0].startSec + 0.2);
      await page.getByTestId("current-line").waitFor({ timeout: 20_000 });
      expect(await page.getByTestId("current-line").innerText()).toBe(
        job.lyrics.sections[sung[0].section].lines[sung[0].line],
      );
      await page.getByTestId("audio").evaluate((a: HTMLAudioElement) => a.pause());
    }
    expect(await accessibilityViolations(page)).toEqual([]);
    await shot(page, "33-song-custom-en");

    // A gift of it: the page and its cover say who it is for.
    await page.getByTestId("gift-message-input").fill("For you, Siobhán.");
    await page.getByTestId("make-gift").click();
    const giftUrl = (await page.getByTestId("gift-url").first().inputValue()).replace(/^https?:\/\/[^/]+/, stack.url);
    const visitor = await browser.newContext({ locale: "fr-FR" });
    const gift = await visitor.newPage();
    await gift.goto(giftUrl);
    expect(await gift.getByTestId("gift-name").innerText()).toBe("Siobhán");
    expect(await gift.locator('meta[property="og:title"]').getAttribute("content")).toBe(
      en.gift.headline.replace("{{name}}", "Siobhán"),
    );
    const view: any = await (await fetch(`${stack.url}/api/public/gifts/${giftUrl.split("/g/")[1]}`)).json();
    expect(view.recipientName).toBe("Siobhán");
    const cover = await fetch(
      (await gift.locator('meta[property="og:image"]').getAttribute("content"))!.replace(
        /^https?:\/\/[^/]+/,
        stack.url,
      ),
    );
    expect(cover.headers.get("content-type")).toBe("image/png");
    writeFileSync(join(shots, "34-gift-custom-cover.png"), new Uint8Array(await cover.arrayBuffer()));
    await shot(gift, "35-gift-custom");
    await visitor.close();

    // The embed, framed by another site: nothing in the console.
    await page.getByTestId("embed").click();
    const snippet = await page.getByTestId("embed-code").inputValue();
    const src = /src="([^"]+)"/.exec(snippet)![1]!.replace(/^https?:\/\/[^/]+/, stack.url);
    const crossSite = await browser.newContext({ locale: "en-GB" });
    const partnerPage = await crossSite.newPage();
    const problems: string[] = [];
    partnerPage.on("console", (m) => void (m.type() === "error" && problems.push(`${m.location().url}: ${m.text()}`)));
    partnerPage.on("pageerror", (e) => problems.push(e.message));
    await partnerPage.goto(`${partnerUrl.replace("127.0.0.1", "localhost")}/?src=${encodeURIComponent(src)}`);
    const frame = partnerPage.frameLocator("#player");
    await frame.getByTestId("play").click();
    await partnerPage.waitForFunction(
      () => (window as any).events.some((e: any) => e.type === "timeupdate" && e.currentTime > 0.5),
      undefined,
      { timeout: 20_000 },
    );
    await frame.getByTestId("play").click();
    expect(problems).toEqual([]);
    await shot(partnerPage, "36-embed-cross-site");
    await crossSite.close();
    // The embed code's 120 px hold the player in a phone's column too, in either language: no line wraps out of it.
    for (const locale of ["en-GB", "fr-FR"]) {
      const narrow = await browser.newContext({ locale, viewport: { width: 320, height: 120 } });
      const framed = await narrow.newPage();
      await framed.goto(src);
      await framed.getByTestId("play").waitFor();
      expect(await framed.evaluate(() => document.documentElement.scrollHeight), locale).toBeLessThanOrEqual(120);
      expect(await framed.getByRole("link").innerText(), locale).toBe("Refrain");
      await narrow.close();
    }

    // The song's free other take; that take's own other take is charged, and its page says so first.
    await page.getByTestId("make-variation").click();
    await page.waitForURL((url) => /\/en\/songs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(jobId));
    await page.getByTestId("variation-cost").waitFor();
    await page.getByTestId("another-take-cost").waitFor({ timeout: 240_000 });
    const charged = en.firstSong.song.costCharged_other.replace("{{n}}", "10");
    await expect.poll(() => page.getByTestId("another-take-cost").innerText()).toBe(charged);
    expect(await page.getByTestId("make-variation").innerText()).toBe(
      en.firstSong.song.makeCharged_other.replace("{{n}}", "10"),
    );
    // Its history is its own: no step dated before it was ordered (the page came from the first song's).
    const variantId = new URL(page.url()).pathname.split("/").pop()!;
    const variant: any = await (await fetch(`${stack.url}/api/jobs/${variantId}`, { headers: auth })).json();
    await page.getByTestId("history").locator("summary").click();
    const moments = await page
      .getByTestId("timeline")
      .locator("time")
      .evaluateAll((times) => times.map((time) => time.getAttribute("datetime")!));
    expect(moments.length).toBeGreaterThan(0);
    expect(moments.filter((at) => Date.parse(at) < Date.parse(variant.createdAt) - 1000)).toEqual([]);
    // In the list of songs the two versions are told apart.
    await page.goto(`${stack.url}/en/songs`);
    const versions = page.locator(".cards li").filter({ hasText: title });
    await versions.first().waitFor();
    expect(await versions.getByTestId("song-sound").allInnerTexts()).toEqual([
      `${en.library.anotherTake} · ${en.options.style.pop} · ${en.options.voice.female}`,
      `${en.options.style.pop} · ${en.options.voice.female}`,
    ]);
    expect(await versions.first().innerText()).toContain(en.library.free);
    await context.close();
  }, 420_000);
});
