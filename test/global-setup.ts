import { serve } from "@hono/node-server";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createEngine } from "../engine/src/server/engine";
import { startMubertSimulator } from "./simulators/mubert";
import { startStripeSimulator } from "./simulators/stripe";
import { startSunoSimulator } from "./simulators/suno";
import { startTurnstileSimulator } from "./simulators/turnstile";
import { startWebhookReceiver } from "./simulators/webhook-receiver";
import { startLargeAudioServer } from "./simulators/large-audio";

export const ENGINE_TOKEN = "test-engine-token";
export const ENGINE_WEBHOOK_SECRET = `whsec_${Buffer.from("test-engine-webhook-secret-32byt").toString("base64")}`;

// The simulators are Node servers on loopback; the Worker under test reaches them with plain fetch.
// The engine is the real gateway and pool, with a render thread that makes short placeholder audio
// instead of music (the engine's own tests render real songs).
export default async function setup(project: TestProject) {
  const suno = await startSunoSimulator();
  const mubert = await startMubertSimulator();
  const turnstile = await startTurnstileSimulator();
  const receiver = await startWebhookReceiver();
  const stripe = await startStripeSimulator();
  const largeAudio = await startLargeAudioServer();
  const config = { port: 0, publicUrl: "http://127.0.0.1", token: ENGINE_TOKEN, webhookSecret: ENGINE_WEBHOOK_SECRET, concurrency: 2, maxQueue: 64, dataDir: mkdtempSync(join(tmpdir(), "refrain-test-engine-")), retentionMs: 3_600_000 };
  const engine = await createEngine(
    config,
    new URL("../engine/test-fixtures/sleepy-thread.mjs", import.meta.url),
    () => undefined,
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: engine.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const engineUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Its download links must name the port it ended up on.
  config.publicUrl = engineUrl;
  project.provide("sunoUrl", suno.url);
  project.provide("mubertUrl", mubert.url);
  project.provide("engineUrl", engineUrl);
  project.provide("turnstileUrl", turnstile.url);
  project.provide("receiverUrl", receiver.url);
  project.provide("stripeUrl", stripe.url);
  project.provide("largeAudioUrl", largeAudio.url);
  return async () => {
    server.close();
    await Promise.all([suno.close(), mubert.close(), turnstile.close(), receiver.close(), stripe.close(), engine.close(100), largeAudio.close()]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    sunoUrl: string;
    mubertUrl: string;
    engineUrl: string;
    turnstileUrl: string;
    receiverUrl: string;
    stripeUrl: string;
    largeAudioUrl: string;
  }
}
