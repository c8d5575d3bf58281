import Stripe from "stripe";

// Workers have no Node http module: the library talks through fetch and checks signatures with WebCrypto.
const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** A Stripe client; STRIPE_API_BASE points it elsewhere than Stripe (the tests' simulator). */
export function stripeClient(env: Env, secretKey: string): Stripe {
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
  const protocol = base?.protocol === "http:" ? "http" : "https";
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base ? { host: base.hostname, port: base.port || (protocol === "http" ? 80 : 443), protocol } : {}),
  });
}

/** The event, if its Stripe-Signature is valid and recent (the library's 5-minute tolerance); throws otherwise. */
export function verifiedEvent(
  stripe: Stripe,
  payload: string,
  signature: string,
  secret: string,
): Promise<Stripe.Event> {
  return stripe.webhooks.constructEventAsync(payload, signature, secret, undefined, cryptoProvider);
}

export { Stripe };
