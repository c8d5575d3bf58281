import { readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The tree reads as the design: domain/ at the bottom, the engine a separate service that shares only
// the domain's words, the providers knowing nothing of the platform, the database knowing no engine,
// the pages knowing no table. Each arrow below, if it came back, would fail here with the file and line.

const forbidden: Record<string, readonly string[]> = {
  engine: ["db", "providers", "worker", "web"],
  providers: ["worker", "web"],
  db: ["providers", "worker", "web", "engine"],
  web: ["db"],
};
/** Parts of the tree the rules speak of; everything else (tests, scripts, benches) may import anything. */
const parts = ["domain", "db", "providers", "worker", "web", "engine"] as const;

interface Arrow {
  file: string;
  line: number;
  specifier: string;
  from: string;
  to: string;
}

/** Every module a file names: static and type imports, re-exports, dynamic `import()` and `require`. */
function specifiersOf(source: string): { specifier: string; line: number }[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => ({ specifier: f.fileName, line: source.slice(0, f.pos).split("\n").length }));
}

/** The imports of `file` (repository-relative, "/"-separated) that cross a line they must not. */
function forbiddenArrows(file: string, source: string): Arrow[] {
  const from = file.split("/")[0]!;
  if (!(parts as readonly string[]).includes(from)) return [];
  return specifiersOf(source).flatMap(({ specifier, line }) => {
    // Bare specifiers are npm packages or the platform's modules (node:, cloudflare:): allowed everywhere.
    if (!specifier.startsWith(".")) return [];
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    const to = target.split("/")[0]!;
    const refused = from === "domain" ? to !== "domain" : (forbidden[from] ?? []).includes(to);
    return refused ? [{ file, line, specifier, from, to }] : [];
  });
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const skipped = new Set(["node_modules", ".git", ".wrangler", ".react-router", "build", "dist", "test-results"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(root + dir, { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe("architecture", () => {
  it("has no import arrow that must not exist", () => {
    const files = parts.flatMap((part) => sourceFiles(part));
    // The walk found the tree (a wrong root would pass on nothing).
    expect(files).toContain("engine/src/pipeline/render.ts");
    expect(files).toContain("domain/engine-gateway.ts");
    expect(files.length).toBeGreaterThan(200);
    const arrows = files.flatMap((file) => forbiddenArrows(file, readFileSync(root + file, "utf8")));
    expect(arrows.map((a) => `${a.file}:${a.line} imports ${a.specifier} (${a.from} → ${a.to})`)).toEqual([]);
  });

  it("finds each kind of import that crosses a line", () => {
    const source = [
      'import { songForm } from "../../../domain/song-form";',
      'import { users } from "../../../db/schema";',
      'import type { Take } from "../../../providers/contract";',
      'export { log } from "../../../worker/observability/log";',
      'const web = await import("../../../web/app/root");',
      'import { z } from "zod";',
    ].join("\n");
    expect(forbiddenArrows("engine/src/cli/render.ts", source)).toEqual([
      { file: "engine/src/cli/render.ts", line: 2, specifier: "../../../db/schema", from: "engine", to: "db" },
      {
        file: "engine/src/cli/render.ts",
        line: 3,
        specifier: "../../../providers/contract",
        from: "engine",
        to: "providers",
      },
      {
        file: "engine/src/cli/render.ts",
        line: 4,
        specifier: "../../../worker/observability/log",
        from: "engine",
        to: "worker",
      },
      { file: "engine/src/cli/render.ts", line: 5, specifier: "../../../web/app/root", from: "engine", to: "web" },
    ]);
  });

  it("keeps domain/ at the bottom and each other part off its forbidden parts", () => {
    expect(forbiddenArrows("domain/lyrics.ts", 'import { languages } from "../db/enums";')).toHaveLength(1);
    expect(
      forbiddenArrows("domain/lyrics.ts", 'import { z } from "zod";\nimport { languages } from "./values";'),
    ).toEqual([]);
    expect(forbiddenArrows("db/schema.ts", 'import type { Lyrics } from "../providers/contract";')).toHaveLength(1);
    expect(
      forbiddenArrows("providers/suno/hosted.ts", 'import { log } from "../../worker/observability/log";'),
    ).toHaveLength(1);
    expect(forbiddenArrows("web/app/admin/types.ts", 'export { jobStatuses } from "../../../db/enums";')).toHaveLength(
      1,
    );
    expect(
      forbiddenArrows(
        "web/app/admin/types.ts",
        'export type { AdminJob } from "../../../worker/routes/admin-schemas";',
      ),
    ).toEqual([]);
    expect(forbiddenArrows("test/flow.test.ts", 'import { users } from "../db/schema";')).toEqual([]);
  });
});
