import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fr from "../../web/app/locales/fr";
import { startSunoSimulator } from "../simulators/suno";
import { accessibilityViolations, launchBrowser, type Stack, startStack } from "./stack";

// An engine that refuses the words it was given (the hosted Suno API's SENSITIVE_WORD_ERROR, from its
// simulator): the order stops, its credits come back, and its page lets the person change the words and
// order again in one step. The built-in engine refuses nothing the API lets through, hence Suno here.
const shots = join(process.cwd(), "test-results", "web");
mkdirSync(shots, { recursive: true });
const DEMO = { email: "demo@refrain.local", password: "refrain-demo" };
const LYRICS =
  "[Verse]\nMarie danse sous la pluie\nElle rit de tout, même la nuit\n\n[Chorus]\nMarie, c'est ta chanson\nOn la chante à l'unisson";

let stack: Stack;
let suno: Awaited<ReturnType<typeof startSunoSimulator>>;
let browser: Browser;

beforeAll(async () => {
  suno = await startSunoSimulator();
  stack = await startStack(240_000, { SUNO_API_BASE_URL: suno.url, SUNO_API_KEY: "sim-key" });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await suno?.close();
});

async function api(path: string, init: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${stack.url}${path}`, {
    method: init.body === undefined ? "GET" : "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": crypto.randomUUID(),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return (await res.json()) as any;
}

async function settled(token: string, id: string) {
  await expect
    .poll(async () => (await api(`/api/jobs/${id}`, { token })).status, { timeout: 120_000, interval: 1000 })
    .toMatch(/^(SUCCEEDED|FAILED|TIMED_OUT|CANCELED)$/);
  return api(`/api/jobs/${id}`, { token });
}

describe("words an engine refused", () => {
  it("stop the order, give its credits back, and the song's page orders again with the words changed", async () => {
    const { accessToken: token } = await api("/api/auth/signin", { body: DEMO });
    const before = await api("/api/credits", { token });
    await fetch(`${suno.url}/__sim/behaviour`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "sensitive" }),
    });
    // The demo account is an operator locally: it may send an order to one engine.
    const refused = await settled(
      token,
      (
        await api("/api/jobs", {
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
    expect((await api("/api/credits", { token })).available).toBe(before.available);
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
    expect((await api("/api/credits", { token })).available).toBe(before.available - again.credits);
    await context.close();
  });
});
