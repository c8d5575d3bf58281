import { env } from "cloudflare:workers";
import { type EngineHarness, engineContract } from "../contract.test-suite";
import type { EngineVars } from "../engine";
import { sunoEngine, sunoWrapperEngine } from "./engine";

// Both Suno families against the one simulator that speaks both (test/simulators/suno.ts).
const vars = env as unknown as EngineVars;
const sim = (path: string, body: unknown = {}) =>
  fetch(`${env.SUNO_API_BASE_URL}${path}`, { method: "POST", body: JSON.stringify(body) });
const behave = async (behaviour: Record<string, unknown>) => void (await sim("/__sim/behaviour", behaviour));

const faults: EngineHarness["fault"] = {
  rejected: () => behave({ outcome: "sensitive" }),
  unavailable: () => behave({ create: "code455" }),
  // Finished clips whose audio links are empty or point at the wrapper's "forbidden" page.
  invalid_result: () => behave({ audio: "forbidden" }),
  busy: () => behave({ create: "code430" }),
};
const reset = async () => {
  await sim("/__sim/reset");
  // Three status calls to finish: the hosted API's PENDING, TEXT_SUCCESS and FIRST_SUCCESS, the wrapper's queued and streaming.
  await behave({ pollsToComplete: 3 });
};

engineContract({
  descriptor: sunoEngine,
  vars,
  reset,
  fault: faults,
  callbackUrl: "http://refrain.test/api/webhooks/suno?job=job_contract&token=t",
  // The simulator keeps what it would post to the task's callBackUrl: text, first and complete.
  callbacks: async (taskId) => {
    const sent = (await fetch(`${env.SUNO_API_BASE_URL}/__sim/tasks/${encodeURIComponent(taskId)}/callbacks`).then(
      (r) => r.json(),
    )) as { url: string; body: unknown }[];
    return sent.map(
      (c) =>
        new Request(c.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(c.body),
        }),
    );
  },
});

engineContract({
  descriptor: sunoWrapperEngine,
  vars,
  reset,
  fault: faults,
  callbackUrl: "http://refrain.test/api/webhooks/suno-wrapper?job=job_contract&token=t",
  callbacks: async () => [],
});
