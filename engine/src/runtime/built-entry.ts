// Worker threads and child processes need plain JavaScript. Their entries are built on demand so that a
// fresh clone, or an edit to their sources (as listed in the bundle's source map), works without a
// separate build step. The engine's root is the folder holding build.mjs, whether the caller runs from
// src/ or bundled into dist/.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

let building: Promise<void> | undefined;

/** The engine's folder could not be found (its code was bundled somewhere else): there is nothing to start. */
export class NoEngineFolderError extends Error {
  override name = "NoEngineFolderError";
}

/** The path of engine/dist/<name>.mjs, (re)built first when missing or older than its sources. */
export async function builtEntry(name: string): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  let root = here;
  while (!existsSync(join(root, "build.mjs"))) {
    const parent = dirname(root);
    if (parent === root) {
      // engine/dist alone (the Modal image): the entries were built beside this bundle.
      if (existsSync(join(here, `${name}.mjs`))) return join(here, `${name}.mjs`);
      throw new NoEngineFolderError("cannot find the engine's build.mjs");
    }
    root = parent;
  }
  const entry = join(root, "dist", `${name}.mjs`);
  if (existsSync(join(root, "src")) && isStale(entry)) {
    building ??= (async () => {
      const { buildEngine } = (await import(pathToFileURL(join(root, "build.mjs")).href)) as {
        buildEngine: () => Promise<void>;
      };
      await buildEngine();
    })().finally(() => (building = undefined));
    await building;
  }
  return entry;
}

function isStale(entry: string): boolean {
  const map = `${entry}.map`;
  if (!existsSync(entry) || !existsSync(map)) return true;
  const builtAt = statSync(entry).mtimeMs;
  const { sources } = JSON.parse(readFileSync(map, "utf8")) as { sources: string[] };
  return sources.some((source) => {
    const file = resolve(dirname(map), source);
    return !existsSync(file) || statSync(file).mtimeMs > builtAt;
  });
}
