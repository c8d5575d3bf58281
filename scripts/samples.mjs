// `npm run samples`: renders the home page's two samples (scripts/samples.ts) into public/samples/, which the
// web build serves as static files. The output is committed; run this again after changing the engine.

import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { buildEngine } from "../engine/build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
await buildEngine();
// Beside the engine's own bundles, where its singer finds its espeak process and its threads.
const bundle = `${root}engine/dist/samples.mjs`;
await build({
  entryPoints: [`${root}scripts/samples.ts`],
  outfile: bundle,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  logLevel: "warning",
});
const { renderSamples } = await import(bundle);
const started = performance.now();
const written = await renderSamples(`${root}public/samples`);
console.log(
  `wrote ${written.map((f) => `public/samples/${f}`).join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
