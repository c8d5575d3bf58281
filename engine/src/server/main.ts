import { serve } from "@hono/node-server";
import { configFromEnv } from "./config";
import { createEngine, jsonLog } from "./engine";

// The engine gateway as a plain Node process (locally, next to the Worker; on Modal, as its web server).
const config = configFromEnv();
const engine = await createEngine(config, new URL("./render-thread.mjs", import.meta.url));
const server = serve(
  { fetch: engine.app.fetch, port: config.port, hostname: process.env.ENGINE_HOST ?? "127.0.0.1" },
  (info) =>
    jsonLog({
      level: "info",
      msg: "engine ready",
      url: `http://${info.address}:${info.port}`,
      concurrency: config.concurrency,
      maxQueue: config.maxQueue,
    }),
);

// Graceful shutdown: stop accepting, let running renders finish (or fail them cleanly), then exit.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    jsonLog({ level: "info", msg: "engine stopping", signal });
    server.close();
    await engine.close(Number(process.env.ENGINE_SHUTDOWN_GRACE_MS ?? 30_000));
    process.exit(0);
  });
