import type { TestProject } from "vitest/node";
import { engineSimulators } from "./simulators/engines";
import { startStripeSimulator } from "./simulators/stripe";
import { startTurnstileSimulator } from "./simulators/turnstile";
import { startWebhookReceiver } from "./simulators/webhook-receiver";
import { startLargeAudioServer } from "./simulators/large-audio";

// The simulators are Node servers on loopback; the Worker under test reaches them with plain fetch.
export default async function setup(project: TestProject) {
  const engines = await Promise.all(engineSimulators.map(async (simulator) => ({ simulator, started: await simulator.start() })));
  const turnstile = await startTurnstileSimulator();
  const receiver = await startWebhookReceiver();
  const stripe = await startStripeSimulator();
  const largeAudio = await startLargeAudioServer();
  // Every engine's vars, pointing it at its simulator: vitest.config.ts binds them in the Worker's environment.
  project.provide("engineVars", Object.assign({}, ...engines.map(({ simulator, started }) => simulator.vars(started.url))));
  project.provide("turnstileUrl", turnstile.url);
  project.provide("receiverUrl", receiver.url);
  project.provide("stripeUrl", stripe.url);
  project.provide("largeAudioUrl", largeAudio.url);
  return async () => {
    await Promise.all([...engines.map(({ started }) => started.close()), turnstile.close(), receiver.close(), stripe.close(), largeAudio.close()]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    engineVars: Record<string, string>;
    turnstileUrl: string;
    receiverUrl: string;
    stripeUrl: string;
    largeAudioUrl: string;
  }
}
