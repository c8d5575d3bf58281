import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The Modal image is defined in Python; its definition is read as text: what it copies in and installs.
const app = readFileSync(new URL("./app.py", import.meta.url), "utf8");
const code = app.replace(/"""[\s\S]*?"""/g, "").replace(/#.*$/gm, "");
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

describe("the engine's Modal image", () => {
  it("copies in the built engine only: no source tree, no .dev.vars or other local secrets", () => {
    const copied = [...code.matchAll(/\.add_local_(dir|file)\(([^)]*)\)/g)].map((m) => m[2]!);
    expect(copied).toEqual([expect.stringContaining("built_engine(")]);
    expect(code).not.toMatch(/\.dev\.vars|\.env\b|add_local_dir\(\s*"\."/);
    expect(code).toMatch(/parents\[1\] \/ "dist"/);
  });

  it("installs the engine's runtime packages at the repository's versions, without dev dependencies", () => {
    expect(code).toMatch(/npm install --omit=dev/);
    expect(code).not.toMatch(/npm ci(?! --omit=dev)/);
    const listed = [
      ...code
        .slice(code.indexOf("ENGINE_PACKAGES = ["), code.indexOf("]", code.indexOf("ENGINE_PACKAGES = [")))
        .matchAll(/"([^"]+)"/g),
    ].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThan(5);
    for (const name of listed) expect(Object.keys(pkg.dependencies), name).toContain(name);
    for (const name of listed) expect(Object.keys(pkg.devDependencies ?? {}), name).not.toContain(name);
  });

  it("keeps render state on a Volume every container mounts, and autoscales from zero to a configurable maximum", () => {
    expect(code).toMatch(/modal\.Volume\.from_name\(/);
    expect(code).toMatch(/volumes=\{STATE_DIR: state\}/);
    expect(code).toMatch(/"ENGINE_DATA_DIR": f"\{STATE_DIR\}\/tracks"/);
    expect(code).toMatch(/min_containers=0/);
    expect(code).toMatch(/max_containers=MAX_CONTAINERS/);
    expect(code).toMatch(/MAX_CONTAINERS = int\(os\.environ\.get\("REFRAIN_ENGINE_MAX_CONTAINERS"/);
    expect(code).toMatch(/secrets=\[modal\.Secret\.from_name\("refrain-engine"\)\]/);
  });
});
