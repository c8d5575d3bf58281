import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Frame, type Page } from "playwright-core";

/** A free TCP port on loopback (and the one two above it, where `npm start` puts the engine). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const engineFree = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port + 2, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (engineFree && port < 65_000) return port;
  }
}

export interface Stack {
  url: string;
  log: () => string;
  stop(): Promise<void>;
}

/**
 * The product as `npm start` runs it (Worker, engine, local bindings, migrations, demo account), on
 * free ports with its own state folder, so a test run touches nothing else. The runner owns the
 * process group and stops all of it. `env` reaches `npm start` (e.g. the Worker variables it passes on).
 */
export async function startStack(timeoutMs = 120_000, env: Record<string, string> = {}): Promise<Stack> {
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), "refrain-e2e-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["scripts/dev.mjs"], {
    env: { ...process.env, ...env, PORT: String(port), REFRAIN_STATE_DIR: stateDir },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child);
    rmSync(stateDir, { recursive: true, force: true });
  };
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    const engine = await fetch(`http://127.0.0.1:${port + 2}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && engine) return { url, log: () => output, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the stack did not start:\n${output.slice(-3000)}`);
}

/** Stops a child started with `detached: true` and everything it started (wrangler, workerd, the engine). */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {}
  await new Promise((r) => setTimeout(r, 1500));
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {}
}

/** Debian's Chromium as the browser tests drive it: headless, no sandbox (containers), no background traffic. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/**
 * The page's accessibility violations by axe-core, all but those it rates minor: moderate ones include a
 * heading outline with a gap, which a screen reader's list of headings shows as a missing level.
 */
export async function accessibilityViolations(page: Page | Frame): Promise<string[]> {
  // Evaluated through the DevTools protocol: the pages' CSP (rightly) refuses inline scripts.
  await page.evaluate(axeSource);
  // Typed without the DOM's globals: this file is also built for Node.
  const result = await page.evaluate(async () => {
    const browser = globalThis as any;
    return browser.axe.run(browser.document, { resultTypes: ["violations"] });
  });
  return (result.violations as { id: string; impact: string; nodes: { html: string }[] }[])
    .filter((v) => v.impact !== "minor")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`);
}
