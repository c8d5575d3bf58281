import { engineContract } from "../contract.test-suite";
import { mubertHarness } from "../mubert/contract.harness";
import { instrumentalEngine } from "./engine";

// With Mubert configured (as in the test environment) the fallback renders there, so Mubert's simulator drives it.
engineContract({
  descriptor: instrumentalEngine,
  ...mubertHarness,
  callbackUrl: "http://refrain.test/api/webhooks/instrumental?job=job_contract&token=t",
});
