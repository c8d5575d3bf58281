import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createEngine } from "../../engine/src/server/engine";
import { startFakeEngineSimulator } from "./fake-engine";
import { startMubertSimulator } from "./mubert";
import { startSunoSimulator } from "./suno";

export const ENGINE_TOKEN = "test-engine-token";
export const ENGINE_WEBHOOK_SECRET = `whsec_${Buffer.from("test-engine-webhook-secret-32byt").toString("base64")}`;

/** The engine is the real gateway and pool, with a render thread that makes short placeholder audio instead of music
 *  (the engine's own tests render real songs). */
async function startTestEngine(): Promise<{ url: string; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "refrain-test-engine-"));
  const config = {
    port: 0,
    publicUrl: "http://127.0.0.1",
    token: ENGINE_TOKEN,
    webhookSecret: ENGINE_WEBHOOK_SECRET,
    concurrency: 2,
    maxQueue: 64,
    dataDir,
    retentionMs: 3_600_000,
  };
  const engine = await createEngine(
    config,
    new URL("../../engine/test-fixtures/sleepy-thread.mjs", import.meta.url),
    () => undefined,
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: engine.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Its download links must name the port it ended up on.
  config.publicUrl = url;
  return {
    url,
    close: async () => {
      server.close();
      await engine.close(100);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Every engine's simulator and the Worker vars that point its engine at it: the worker tests' environment is made
 * from this list (test/global-setup.ts, vitest.config.ts), and a test checks every engine of the list is on in it.
 */
export const engineSimulators = [
  {
    start: startSunoSimulator,
    vars: (url: string) => ({
      SUNO_API_BASE_URL: url,
      SUNO_API_KEY: "sim-key",
      SUNO_WRAPPER_BASE_URL: url,
      SUNO_WRAPPER_COOKIE: "",
    }),
  },
  {
    start: startMubertSimulator,
    vars: (url: string) => ({
      MUBERT_BASE_URL: url,
      MUBERT_COMPANY_ID: "sim-company",
      MUBERT_LICENSE_TOKEN: "sim-license",
    }),
  },
  {
    start: startTestEngine,
    vars: (url: string) => ({ ENGINE_URL: url, ENGINE_TOKEN, ENGINE_WEBHOOK_SECRET, MODAL_KEY: "", MODAL_SECRET: "" }),
  },
  { start: startFakeEngineSimulator, vars: (url: string) => ({ FAKE_ENGINE_URL: url }) },
] as const;
