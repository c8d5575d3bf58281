import { serve } from "@hono/node-server";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEngine } from "../../engine/src/server/engine";
import { startMubertSimulator } from "./mubert";
import { startStripeSimulator } from "./stripe";
import { startSunoSimulator } from "./suno";
import { startTurnstileSimulator } from "./turnstile";
import { startWebhookReceiver } from "./webhook-receiver";

export const ENGINE_TOKEN = "test-engine-token";
export const ENGINE_WEBHOOK_SECRET = `whsec_${Buffer.from("test-engine-webhook-secret-32byt").toString("base64")}`;

export interface SimulatorUrls {
  sunoUrl: string;
  mubertUrl: string;
  engineUrl: string;
  turnstileUrl: string;
  receiverUrl: string;
  stripeUrl: string;
}

// The simulators are Node servers on loopback; the Worker under test reaches them with plain fetch.
// The engine is the real gateway and pool, with a render thread that makes short placeholder audio
// instead of music (the engine's own tests render real songs).
export async function startSimulators(): Promise<{ urls: SimulatorUrls; close(): Promise<void> }> {
  const [suno, mubert, turnstile, receiver, stripe] = await Promise.all([startSunoSimulator(), startMubertSimulator(), startTurnstileSimulator(), startWebhookReceiver(), startStripeSimulator()]);
  const dataDir = mkdtempSync(join(tmpdir(), "refrain-test-engine-"));
  const config = { port: 0, publicUrl: "http://127.0.0.1", token: ENGINE_TOKEN, webhookSecret: ENGINE_WEBHOOK_SECRET, concurrency: 2, maxQueue: 64, dataDir, retentionMs: 3_600_000 };
  const engine = await createEngine(config, new URL("../../engine/test-fixtures/sleepy-thread.mjs", import.meta.url), () => undefined);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: engine.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const engineUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Its download links must name the port it ended up on.
  config.publicUrl = engineUrl;
  return {
    urls: { sunoUrl: suno.url, mubertUrl: mubert.url, engineUrl, turnstileUrl: turnstile.url, receiverUrl: receiver.url, stripeUrl: stripe.url },
    close: async () => {
      server.close();
      await Promise.all([suno.close(), mubert.close(), turnstile.close(), receiver.close(), stripe.close(), engine.close(100)]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
