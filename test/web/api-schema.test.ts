import openapiTS, { astToString } from "openapi-typescript";
import { expect, it } from "vitest";
import { experimental_readRawConfig } from "wrangler";
import { createApp } from "../../worker/app";

const header = `// Generated from the API's OpenAPI document (/api/openapi.json) by \`npm run api:types\`: do not edit.\n\n`;

// The web app's API types come from the document the API serves; this test fails when they lag behind it.
// Defaults make a field optional to send (the document describes request bodies as accepted).
it("keeps web/app/lib/api-schema.ts generated from the API's OpenAPI document", async () => {
  // The Worker parses its configuration on every request: the document is served with wrangler.toml's vars.
  const { vars } = experimental_readRawConfig({
    config: new URL("../../wrangler.toml", import.meta.url).pathname,
  }).rawConfig;
  const secrets = { AUTH_JWT_SECRET: "s".repeat(32), MEDIA_SIGNING_SECRET: "s".repeat(32), ENGINE_TOKEN: "t" };
  // No query reaches the database for the document; the binding only has to exist.
  const bindings = { DB: {} };
  const response = await createApp().request("/api/openapi.json", undefined, {
    ...vars,
    ...secrets,
    ...bindings,
  } as unknown as Env);
  const types = astToString(await openapiTS(await response.json(), { defaultNonNullable: false }));
  await expect(header + types).toMatchFileSnapshot(
    "../../web/app/lib/api-schema.ts",
    "run `npm run api:types` to regenerate it",
  );
});
