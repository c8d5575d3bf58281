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
  await bundleForNode(join(ROOT, file), outfile);
  return import(`${pathToFileURL(outfile).href}?at=${Date.now()}`);
}

/**
 * One TypeScript (or JavaScript) entry and what it imports, bundled into one ES module for Node 22.
 * Packages stay external: they resolve from the node_modules beside or above `outfile`.
 */
export async function bundleForNode(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    logLevel: "warning",
  });
}
