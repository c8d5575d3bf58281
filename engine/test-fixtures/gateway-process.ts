// The engine gateway as its own Node process, started as engine/src/server/main.ts starts it (configuration
// from the environment, @hono/node-server), but rendering with the test thread so a song takes milliseconds.
import { serve } from "@hono/node-server";
import { configFromEnv } from "../src/server/config";
import { createEngine } from "../src/server/engine";

const config = configFromEnv();
const engine = await createEngine(config, new URL("./sleepy-thread.mjs", import.meta.url), () => undefined);
serve({ fetch: engine.app.fetch, port: config.port, hostname: "127.0.0.1" }, (info) =>
  process.stdout.write(`ready ${info.port}\n`),
);
process.on("SIGTERM", async () => {
  await engine.close(100);
  process.exit(0);
});
