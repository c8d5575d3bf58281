import { engineSimulators } from "./engines";
import { startStripeSimulator } from "./stripe";
import { startTurnstileSimulator } from "./turnstile";
import { startWebhookReceiver } from "./webhook-receiver";

/** What a test file's Worker is given: every engine's vars pointing it at its simulator, and the other services' URLs. */
export interface SimulatorSet {
  engineVars: Record<string, string>;
  turnstileUrl: string;
  receiverUrl: string;
  stripeUrl: string;
}

// The simulators are Node servers on loopback; the Worker under test reaches them with plain fetch.
export async function startSimulators(): Promise<{ provided: SimulatorSet; close(): Promise<void> }> {
  const [engines, turnstile, receiver, stripe] = await Promise.all([
    Promise.all(engineSimulators.map(async (simulator) => ({ simulator, started: await simulator.start() }))),
    startTurnstileSimulator(),
    startWebhookReceiver(),
    startStripeSimulator(),
  ]);
  return {
    provided: {
      engineVars: Object.assign({}, ...engines.map(({ simulator, started }) => simulator.vars(started.url))),
      turnstileUrl: turnstile.url,
      receiverUrl: receiver.url,
      stripeUrl: stripe.url,
    },
    close: async () => {
      await Promise.all([
        ...engines.map(({ started }) => started.close()),
        turnstile.close(),
        receiver.close(),
        stripe.close(),
      ]);
    },
  };
}
