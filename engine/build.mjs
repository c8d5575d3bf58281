// Bundles the engine's entry points to engine/dist: worker threads and child processes need
// plain JavaScript, and one bundle per entry keeps start-up fast. Dependencies stay external.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL(".", import.meta.url));
const entries = {
  server: "src/server/main.ts",
  "render-thread": "src/pool/render-thread.ts",
  render: "src/cli/render.ts",
  "espeak-process": "src/voice/espeak-process.ts",
  "singer-thread": "src/voice/singer-thread.ts",
  "band-thread": "src/synth/band-thread.ts",
  "mp3-thread": "src/audio/mp3-thread.ts",
  "write-openapi": "src/server/write-openapi.ts",
};

export async function buildEngine() {
  const entryPoints = Object.fromEntries(
    Object.entries(entries)
      .filter(([, file]) => existsSync(root + file))
      .map(([name, file]) => [name, root + file]),
  );
  await build({
    entryPoints,
    outdir: `${root}dist`,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    sourcemap: "linked",
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildEngine();
