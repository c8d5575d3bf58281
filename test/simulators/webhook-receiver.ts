// Test fixture: a Slack-style incoming webhook that keeps what it is sent. Tests in workerd read it
// back over HTTP: GET /__received, POST /__reset, POST /__fail?count=n (the next n posts answer 500).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function startWebhookReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  let received: { path: string; body: unknown; text: string; headers: Record<string, string>; at: string }[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const reply = (status: number, body: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (url.pathname === "/__received") return reply(200, received);
      if (url.pathname === "/__reset") {
        received = [];
        failures = 0;
        return reply(200, {});
      }
      if (url.pathname === "/__fail") {
        failures = Number(url.searchParams.get("count") ?? 1);
        return reply(200, { failures });
      }
      if (req.method !== "POST") return reply(404, { error: "unknown route" });
      if (failures > 0) {
        failures -= 1;
        return reply(500, { error: "simulated failure" });
      }
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      // Signed callbacks are checked over their exact bytes and headers, so both are kept.
      received.push({
        path: url.pathname + url.search,
        body,
        text,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        at: new Date().toISOString(),
      });
      reply(200, { ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
