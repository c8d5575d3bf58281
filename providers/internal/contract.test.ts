import { env } from "cloudflare:workers";
import { afterAll } from "vitest";
import { engineContract } from "../contract.test-suite";
import type { EngineVars } from "../engine";
import { internalEngine } from "./engine";

// The real gateway and pool (test/simulators/engines.ts) with a render thread that makes short silent audio instead of
// music; its callbacks go to the test webhook receiver, which keeps their exact bytes and signature headers.
const gateway = (path: string, init: RequestInit = {}) =>
  fetch(`${env.ENGINE_URL}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${env.ENGINE_TOKEN}`, "content-type": "application/json" },
  });
const callbackPath = `/contract/internal/${crypto.randomUUID()}`;
const filled: string[] = [];

afterAll(async () => {
  await Promise.all(filled.map((id) => gateway(`/v1/tracks/${id}`, { method: "DELETE" })));
});

engineContract({
  descriptor: internalEngine,
  vars: env as unknown as EngineVars,
  reset: async () => {},
  fault: {
    // The gateway refuses lyrics it cannot sing (a line longer than 300 characters) before rendering.
    rejected: async () => ({
      lyrics: { title: "Pour Marie", sections: [{ kind: "verse", lines: ["la ".repeat(120)] }] },
    }),
    // The render thread dies ("crash" style), as a GPU container lost mid-render would.
    unavailable: async () => ({ styleTags: ["crash"] }),
    invalid_result:
      "the gateway reports success only with the audio it rendered and measured; unusable audio is caught at delivery",
    // A full queue: its two renders running and 64 waiting (test/simulators/engines.ts), the gateway answers 429 with Retry-After.
    busy: async () => {
      // Long renders (3 s with this thread), sent at once, so none ends while the queue fills.
      const sent = await Promise.all(
        Array.from({ length: 70 }, (_, seed) =>
          gateway("/v1/tracks", {
            method: "POST",
            body: JSON.stringify({ lyrics: null, durationSeconds: 300, vocal: "instrumental", language: "en", seed }),
          }),
        ),
      );
      for (const res of sent) if (res.status === 202) filled.push(((await res.json()) as { id: string }).id);
    },
  },
  callbackUrl: new URL(callbackPath, env.ALERT_WEBHOOK_URL).href,
  callbacks: async (taskId, callbackUrl) => {
    const ids = taskId.split(",");
    // The engine calls back when each render ends, just after its status says so.
    for (let wait = 0; wait < 40; wait++) {
      const received = (await fetch(new URL("/__received", env.ALERT_WEBHOOK_URL)).then((r) => r.json())) as {
        path: string;
        text: string;
        headers: Record<string, string>;
        body: { data?: { id?: string } };
      }[];
      const ours = received.filter((r) => r.path === callbackPath && ids.includes(r.body.data?.id ?? ""));
      if (ours.length === ids.length)
        return ours.map(
          (r) =>
            new Request(callbackUrl, {
              method: "POST",
              headers: Object.fromEntries(
                Object.entries(r.headers).filter(([name]) => name.startsWith("webhook-") || name === "content-type"),
              ),
              body: r.text,
            }),
        );
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the engine did not call back for ${taskId}`);
  },
});
