import { describe, expect, it } from "vitest";
import { experimental_readRawConfig } from "wrangler";
import { engineTable } from "../providers/engine-docs";
import { engineSecrets, engineSettings, engines } from "../providers/engine-registry";

// What cannot be derived from the engine descriptors at run time is checked against them here: wrangler.toml's
// static secrets lists, and the engines' page in docs/.
const raw = experimental_readRawConfig({ config: new URL("../wrangler.toml", import.meta.url).pathname })
  .rawConfig as any;

describe("the engine descriptors and the files written by hand", () => {
  it("wrangler.toml declares every engine's secrets, the same list at the top and in each environment", () => {
    const sections = {
      top: raw.secrets?.required,
      staging: raw.env?.staging?.secrets?.required,
      production: raw.env?.production?.secrets?.required,
    };
    for (const [name, required] of Object.entries(sections)) {
      expect(required, name).toBeDefined();
      expect(
        Object.keys(engineSecrets).filter((secret) => !required.includes(secret)),
        `${name}: engine secrets missing from [secrets] required`,
      ).toEqual([]);
      expect([...required].sort(), name).toEqual([...sections.top].sort());
    }
  });

  it("no engine's var or secret is also the platform's, nor two engines'", () => {
    const names = engines.flatMap((e) => [...Object.keys(e.settings), ...Object.keys(e.secrets)]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(Object.keys(engineSettings).filter((n) => n in engineSecrets)).toEqual([]);
  });

  it("the vars of the shipped engines that wrangler.toml sets are set in every environment too", () => {
    for (const env of ["staging", "production"]) {
      const missing = Object.keys(engineSettings).filter((name) => name in raw.vars && !(name in raw.env[env].vars));
      expect(missing, env).toEqual([]);
    }
  });

  it("keeps docs/engines.md generated from the descriptors", async () => {
    await expect(engineTable(engines)).toMatchFileSnapshot(
      "../docs/engines.md",
      "run `npx vitest run --project deploy -u scripts/engines.test.ts`",
    );
  });
});
