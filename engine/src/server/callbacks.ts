import { Webhook } from "standardwebhooks";
import type { EngineCallback } from "../../../domain/engine-gateway";

// Standard Webhooks sender: signed `{id}.{timestamp}.{body}`, retried with jitter on failure;
// a 410 means the receiver wants no more.
const schedule = [0, 5_000, 30_000, 120_000, 600_000];

export function sendCallback(
  secret: string,
  url: string,
  event: EngineCallback,
  log: (entry: Record<string, unknown>) => void,
): void {
  const webhook = new Webhook(secret);
  const id = `msg_${event.data.id}_${event.type}`;
  const body = JSON.stringify(event);
  const attempt = async (n: number): Promise<void> => {
    const timestamp = new Date();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "webhook-signature": webhook.sign(id, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      if (response.ok || response.status === 410) return;
      throw new Error(`answered ${response.status}`);
    } catch (err) {
      const next = schedule[n + 1];
      log({ level: "warn", msg: "callback failed", id, attempt: n + 1, error: String(err), retry: next !== undefined });
      if (next !== undefined) setTimeout(() => void attempt(n + 1), next * (0.8 + Math.random() * 0.4)).unref();
    }
  };
  void attempt(0);
}
