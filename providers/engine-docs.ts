import type { EngineDescriptor } from "./engine";

/** The engines table of docs/engines.md, written from the descriptors (scripts/engines.test.ts keeps the file in step). */
export function engineTable(engines: readonly EngineDescriptor[]): string {
  // A pipe inside a cell would end it.
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const code = (names: string[]) => names.map((n) => `\`${n}\``).join(", ") || "—";
  const rows = engines.map((e) => {
    const does = [
      e.capabilities.sings ? "sings" : "instrumental",
      e.capabilities.callbacks ? "calls back" : "polled",
      e.capabilities.cancel ? "cancels" : "no cancel",
    ].join(", ");
    return `| ${cell(e.title)} | \`${e.id}\` | ${does} | ${code(Object.keys(e.settings))} | ${code(Object.keys(e.secrets))} |`;
  });
  const settings = engines.flatMap((e) =>
    Object.entries(e.settings).map(
      ([name, s]) =>
        `| \`${name}\` | \`${e.id}\` | ${s.kind === "url" ? "URL (empty: off)" : "text"}${s.default ? `, default \`${s.default}\`` : ""} | ${cell(s.doc)} |`,
    ),
  );
  const secrets = engines.flatMap((e) =>
    Object.entries(e.secrets).map(([name, s]) => `| \`${name}\` | \`${e.id}\` | ${cell(s.doc)} |`),
  );
  return [
    "# Engines",
    "",
    "Generated from the engine descriptors (`providers/engines.ts`) by `npx vitest run --project deploy -u scripts/engines.test.ts`: do not edit.",
    "",
    "| Engine | id | Does | Vars | Secrets |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "## Vars",
    "",
    "| Var | Engine | Value | What it is |",
    "|---|---|---|---|",
    ...settings,
    "",
    "## Secrets",
    "",
    "| Secret | Engine | What it is |",
    "|---|---|---|",
    ...secrets,
    "",
  ].join("\n");
}
