// Loads one of the Worker's TypeScript modules (and what it imports) into a Node script: the scripts read the
// engines' descriptors and the config schema from the same source the Worker runs, not from copies.

import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** `file` relative to the repository; its dependencies stay in node_modules, so the bundle lives beside them. */
export async function loadTs(file) {
  const outfile = join(
    ROOT,
    "node_modules/.cache/refrain",
    relative(ROOT, join(ROOT, file)).replace(/[/\\]/g, "_").replace(/\.ts$/, ".mjs"),
  );
  await build({
    entryPoints: [join(ROOT, file)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    logLevel: "warning",
  });
  return import(`${pathToFileURL(outfile).href}?at=${Date.now()}`);
}
