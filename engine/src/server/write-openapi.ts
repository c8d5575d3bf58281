import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RenderPool } from "../pool/pool";
import { createEngineApp, ENGINE_OPENAPI } from "./app";
import type { TrackStore } from "./tracks";

// Writes engine/openapi.json, the gateway contract kept in the repository (a test checks it is current).
// Documenting needs no pool or store: routes are only described, never called.
const app = createEngineApp({
  pool: {} as RenderPool,
  store: {} as TrackStore,
  token: "unused",
  retryAfterSeconds: 10,
});
const target = fileURLToPath(new URL("../openapi.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(app.getOpenAPI31Document(ENGINE_OPENAPI), null, 2)}\n`);
console.log(`wrote ${target}`);
