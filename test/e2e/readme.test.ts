import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, ebur128 } from "../../engine/test-helpers/ffmpeg";
import fr from "../../web/app/locales/fr";
import { freePort, launchBrowser, stopGroup } from "./stack";

// The README's quick start as a newcomer meets it: a fresh copy of the repository, `npm start` with
// nothing but PORT set (no state folder, no skipped build, no test variables), then the demo account
// printed at the end signs in from a browser and orders, approves and plays a French song.
const shots = join(process.cwd(), "test-results", "web");
mkdirSync(shots, { recursive: true });

let copy: string;
let child: ChildProcess;
let output = "";
let browser: Browser;
let port: number;

/** The repository as a clone would have it: tracked files and new ones not ignored, no local state. */
function freshCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "refrain-readme-"));
  const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
    .stdout.split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    try {
      copyFileSync(file, join(dir, file));
    } catch {
      // A tracked file deleted in the working tree is not part of this copy either.
    }
  }
  // `npm install` would only rebuild the same tree from the lockfile: hard links give it in seconds.
  if (spawnSync("cp", ["-al", "node_modules", join(dir, "node_modules")]).status !== 0)
    throw new Error("could not link node_modules");
  return dir;
}

/** The environment of a shell that has not run any of our scripts: no npm, vitest or Refrain variables. */
function newcomerEnv(port: number): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(REFRAIN_|VITEST|npm_|NODE_ENV$|TEST$|INIT_CWD$)/i.test(name)),
  );
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((entry) => !entry.includes("node_modules"))
    .join(delimiter);
  return { ...env, PORT: String(port) };
}

beforeAll(async () => {
  copy = freshCopy();
  port = await freePort();
  child = spawn("npm", ["start"], {
    cwd: copy,
    env: newcomerEnv(port),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const until = Date.now() + 240_000;
  while (!/Sign in with the demo account: .+\n\s*$/.test(output)) {
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`npm start did not get ready:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (child) await stopGroup(child);
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("the README's quick start, exactly as written", () => {
  it("ends with the URL and the demo sign-in, which orders, approves and plays a 30 s French song", async () => {
    // What the newcomer reads last: the address, then the account to sign in with.
    const tail = output.trimEnd().split("\n").slice(-3);
    const url = /Refrain is ready: (http:\/\/\S+)/.exec(output)?.[1];
    const demo = /Sign in with the demo account: (\S+) \/ (\S+)/.exec(tail.at(-1) ?? "");
    expect(url, output.slice(-2000)).toBeDefined();
    expect(demo, tail.join("\n")).not.toBeNull();
    // The migrations of a first start are one line, not wrangler's table redrawn after each of them.
    expect(output).toMatch(/^Local database: \d+ migration\(s\) applied\.$/m);
    expect(output).not.toContain("0000_init.sql");
    const [, email, password] = demo!;

    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(url!);
    expect(new URL(page.url()).pathname).toBe("/fr");
    await page.getByRole("link", { name: fr.nav.signin }).first().click();
    await page.getByLabel(fr.auth.email).fill(email!);
    await page.getByLabel(fr.auth.password).fill(password!);
    await page.getByRole("button", { name: fr.auth.submitSignin }).click();
    await page.waitForURL(/\/fr\/(new|songs)/);

    await page.goto(`${url}/fr/new`);
    await page.getByLabel(fr.order.occasion).fill("anniversaire");
    await page.getByLabel(fr.order.recipientName).fill("Marie");
    await page.getByLabel(fr.order.relationship).fill("ma sœur");
    await page.getByLabel(fr.order.details).fill("elle fait du surf chaque matin\nelle rit de tout");
    await page.getByLabel(fr.order.length).selectOption("30");
    expect(await page.getByLabel(fr.order.approveLyrics).isChecked()).toBe(true);
    await page.getByRole("button", { name: /Confirmer la commande/ }).click();
    await page.waitForURL(/\/fr\/songs\/[^/]+$/);

    await page.getByTestId("draft").waitFor({ timeout: 120_000 });
    await page.getByTestId("draft-approve").click();
    await page.getByTestId("audio").waitFor({ timeout: 240_000 });
    expect(await page.locator("#progress-title").innerText()).toBe(fr.progress.titleDone);
    // Their name, and what was told of them: a 30 s song has room for one detail.
    const lyrics = await page.getByTestId("lyrics").innerText();
    expect(lyrics).toContain("Marie");
    expect(lyrics).toMatch(/surf|rit de tout/);

    await page.getByTestId("audio").evaluate((a: HTMLAudioElement) => a.play());
    await page.waitForFunction(
      () => (document.querySelector("[data-testid=audio]") as HTMLAudioElement).currentTime > 1,
      undefined,
      { timeout: 20_000 },
    );
    await page.getByTestId("audio").evaluate((a: HTMLAudioElement) => a.pause());
    await page.screenshot({ path: join(shots, "00-readme-song-fr.png"), fullPage: true });

    // The files a person downloads: 30 s of MP3, and the WAV master at −14 LUFS under −1 dBTP.
    const folder = mkdtempSync(join(tmpdir(), "refrain-readme-audio-"));
    const download = async (href: string | null, name: string) => {
      writeFileSync(join(folder, name), new Uint8Array(await (await fetch(new URL(href!, url))).arrayBuffer()));
      return join(folder, name);
    };
    const decoded = await decode(
      await download(await page.getByTestId("download-mp3").getAttribute("href"), "song.mp3"),
    );
    expect(decoded.codec).toBe("mp3");
    expect(decoded.errors).toBe("");
    expect(Math.abs(decoded.durationSec - 30)).toBeLessThanOrEqual(2);
    const loudness = await ebur128(
      await download(await page.getByRole("link", { name: fr.song.downloadWav }).getAttribute("href"), "song.wav"),
    );
    expect(Math.abs(loudness.integratedLufs + 14)).toBeLessThanOrEqual(0.5);
    expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-1);

    // Paid once the song is delivered: nothing left on hold.
    const session: any = await (
      await fetch(`${url}/api/auth/signin`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      })
    ).json();
    const credits: any = await (
      await fetch(`${url}/api/credits`, { headers: { authorization: `Bearer ${session.accessToken}` } })
    ).json();
    expect(credits.reserved).toBe(0);
    // Sung by the built-in engine, not handed to the instrumental fallback.
    const jobId = new URL(page.url()).pathname.split("/").at(-1);
    const job: any = await (
      await fetch(`${url}/api/jobs/${jobId}`, { headers: { authorization: `Bearer ${session.accessToken}` } })
    ).json();
    expect(job.provider).toBe("internal");
    expect(credits.balance).toBeLessThan(Number(/\((\d+) credits\)/.exec(tail.at(-1)!)![1]));
    // Locally the demo account is an operator too: the console the start-up names opens, charts and all.
    const consoleUrl = /Operators' console: (\S+)/.exec(tail.join("\n"))?.[1];
    expect(consoleUrl).toBe(`${url}/en/admin`);
    const metrics = await fetch(`${url}/api/admin/metrics`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(metrics.status).toBe(200);
    await page.goto(consoleUrl!);
    await page.locator("svg.chart").first().waitFor();
    rmSync(folder, { recursive: true, force: true });
    await context.close();
  }, 400_000);

  it('places the order of the README\'s "Try it" as written, and the built-in engine sings every line it shows', async () => {
    // The sign-in and the order, run by a shell as a newcomer pastes them (only the port differs).
    const tryIt = /Try it:\n\n```sh\n([\s\S]*?)```/.exec(readFileSync(join(copy, "README.md"), "utf8"))?.[1] ?? "";
    const commands = tryIt.slice(0, tryIt.indexOf("curl -N")).replaceAll("localhost:8787", `localhost:${port}`);
    expect(commands).toContain("/api/jobs");
    const shell = spawnSync("bash", ["-c", commands], { cwd: copy, env: newcomerEnv(port), encoding: "utf8" });
    expect(shell.stderr).toBe("");
    const placed = JSON.parse(shell.stdout);
    expect(placed.status, shell.stdout).toBeDefined();

    const [, email, password] = /Sign in with the demo account: (\S+) \/ (\S+)/.exec(output)!;
    const { accessToken } = (await (
      await fetch(`http://localhost:${port}/api/auth/signin`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      })
    ).json()) as { accessToken: string };
    const get = async (path: string) =>
      (await fetch(`http://localhost:${port}${path}`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
    let job: any = placed;
    for (const until = Date.now() + 240_000; !["SUCCEEDED", "FAILED", "CANCELED"].includes(job.status); ) {
      if (Date.now() > until) throw new Error(`the order is still ${job.status}`);
      await new Promise((r) => setTimeout(r, 500));
      job = await get(`/api/jobs/${placed.id}`);
    }
    // Sung by the built-in engine, not handed to the instrumental fallback.
    expect(job.status, JSON.stringify(job.error)).toBe("SUCCEEDED");
    expect(job.provider).toBe("internal");
    expect(job.lyrics.sections.flatMap((s: { lines: string[] }) => s.lines).join(" ")).toContain("Marie");
    const shown = job.lyrics.sections.flatMap((s: { lines: string[] }, section: number) =>
      s.lines.map((_, line) => `${section}:${line}`),
    );
    // Every take the person may keep sings every line the page shows.
    expect(job.takes.length).toBeGreaterThan(0);
    for (const { trackId } of job.takes) {
      const track: any = await get(`/api/tracks/${trackId}`);
      expect(track.timings, JSON.stringify(track)).toBeInstanceOf(Array);
      const sung = new Set(track.timings.map((t: { section: number; line: number }) => `${t.section}:${t.line}`));
      expect(shown.filter((line: string) => !sung.has(line))).toEqual([]);
    }
  }, 300_000);

  // Last: it ends the run. A Worker left serving without its engine takes orders it cannot make.
  it("stops as a whole when its music engine dies, and says why", async () => {
    const processes = spawnSync("ps", ["-o", "pid=,args=", "-g", String(child.pid)], { encoding: "utf8" }).stdout;
    const engine = processes
      .split("\n")
      .find((line) => line.includes("engine/dist/server.mjs"))
      ?.trim()
      .split(/\s+/)[0];
    expect(engine, processes).toBeDefined();
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    process.kill(Number(engine), "SIGKILL");
    const code = await Promise.race([exited, new Promise((done) => setTimeout(() => done("still running"), 30_000))]);
    expect(code).not.toBe("still running");
    expect(code).not.toBe(0);
    expect(output).toContain("The music engine stopped (SIGKILL): stopping Refrain.");
    // Nothing of the run is left: not the Worker's port, not a process of its group.
    expect(
      await fetch(`http://localhost:${port}/health`).then(
        () => "answered",
        () => "refused",
      ),
    ).toBe("refused");
    const group = () =>
      spawnSync("ps", ["-o", "pid=,args=", "-g", String(child.pid)], { encoding: "utf8" }).stdout.trim();
    for (const until = Date.now() + 10_000; group() && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 250));
    expect(group()).toBe("");
  }, 60_000);
});
