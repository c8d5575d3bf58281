import { env } from "cloudflare:workers";
import type { EngineHarness } from "../contract.test-suite";
import type { EngineVars } from "../engine";

const sim = (path: string, body: unknown = {}) =>
  fetch(`${env.MUBERT_BASE_URL}${path}`, { method: "POST", body: JSON.stringify(body) });
const behave = async (behaviour: Record<string, unknown>) => void (await sim("/__sim/behaviour", behaviour));

/** Mubert's simulator (test/simulators/mubert.ts), also what the instrumental fallback renders on here. */
export const mubertHarness: Omit<EngineHarness, "descriptor"> = {
  vars: env as unknown as EngineVars,
  reset: async () => {
    await sim("/__sim/reset");
    await behave({ pollsToComplete: 2 });
  },
  fault: {
    rejected: () => behave({ create: "refuse" }),
    unavailable: () => behave({ create: "http500" }),
    invalid_result: () => behave({ outcome: "empty" }),
    busy: () => behave({ create: "busy" }),
  },
  callbackUrl: "http://refrain.test/api/webhooks/mubert?job=job_contract&token=t",
  callbacks: async () => [],
};
