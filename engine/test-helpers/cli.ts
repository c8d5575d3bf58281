import { execFile } from "node:child_process";
import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Bundles the render CLI into `outdir` (a scratch directory) the way engine/build.mjs does and
 * returns its path; the repository's node_modules is linked beside it for the external packages.
 */
export async function buildRenderCli(outdir: string): Promise<string> {
  await symlink(join(root, "node_modules"), join(outdir, "node_modules"), "dir");
  await build({
    entryPoints: { render: join(root, "engine/src/cli/render.ts") },
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  return join(outdir, "render.mjs");
}

/** Runs the built CLI in a process of its own, with this process's Node. */
export async function runRenderCli(cli: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
}
