import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "./app";
import { ConfigError, config, parseConfig, requiredSecrets } from "./config";

const vars = env as unknown as Record<string, string>;

describe("the configuration", () => {
  it("parses wrangler.toml's values into numbers, lists and rules", () => {
    const parsed = config(env);
    expect(parsed.CREDITS_PER_SONG).toBe(10);
    expect(parsed.RATE_LIMIT_SIGNUP).toEqual({ limit: 100000, windowSeconds: 60 });
    expect(parsed.AUDIO_FETCH_HOSTS).toContain("*.suno.ai");
    expect(parsed.ALERT_MAX_COST_PER_SONG_CENTS).toBeNull();
    expect(config(env)).toBe(parsed);
  });

  it("refuses a wrong value with a message naming it", () => {
    expect(() => parseConfig({ ...vars, CREDITS_PER_SONG: "ten" })).toThrow(
      /CREDITS_PER_SONG: expected a whole number \(got "ten"\)/,
    );
    expect(() => parseConfig({ ...vars, RATE_LIMIT_JOBS: "30 per minute" })).toThrow(
      /RATE_LIMIT_JOBS: expected "count\/seconds"/,
    );
    for (const bad of ["10", "0/60", "10/0", "10/60/2", ""])
      expect(() => parseConfig({ ...vars, RATE_LIMIT_SIGNIN: bad }), bad).toThrow(/RATE_LIMIT_SIGNIN/);
    expect(() => parseConfig({ ...vars, ALERT_FAILURE_RATE_MARGIN: "25%" })).toThrow(
      /ALERT_FAILURE_RATE_MARGIN: expected a number between 0 and 1/,
    );
    expect(() => parseConfig({ ...vars, PUBLIC_URL: "refrain.app" })).toThrow(/PUBLIC_URL/);
    const { JOB_DEADLINE_SECONDS: _, ...missing } = vars;
    expect(() => parseConfig(missing)).toThrow(ConfigError);
  });

  it("asks only for the secrets of the engines configured, and names the missing ones without showing any value", () => {
    const bare = {
      PUBLIC_URL: "https://refrain.app",
      ENGINE_URL: "",
      SUNO_API_BASE_URL: "",
      MUBERT_BASE_URL: "",
      SUPABASE_ISSUER: "",
    };
    expect(requiredSecrets(bare)).toEqual(["AUTH_JWT_SECRET", "MEDIA_SIGNING_SECRET"]);
    expect(requiredSecrets({ ...bare, ENGINE_URL: "https://acme--refrain-engine-gateway.modal.run" })).toEqual([
      "AUTH_JWT_SECRET",
      "MEDIA_SIGNING_SECRET",
      "ENGINE_TOKEN",
      "MODAL_KEY",
      "MODAL_SECRET",
    ]);
    const noKey = () => parseConfig({ ...vars, SUNO_API_KEY: "" });
    expect(noKey).toThrow(/SUNO_API_KEY: required by the hosted Suno API \(SUNO_API_BASE_URL is set\)/);
    expect(() => parseConfig({ ...vars, SUNO_API_KEY: "", SUNO_API_BASE_URL: "" })).not.toThrow();
    expect(() => parseConfig({ ...vars, AUTH_JWT_SECRET: "short-secret-value" })).toThrow(
      /AUTH_JWT_SECRET: expected a secret of at least 32/,
    );
    expect(() => parseConfig({ ...vars, AUTH_JWT_SECRET: "short-secret-value" })).not.toThrow(/short-secret-value/);
  });

  it("stops a misconfigured Worker at its first request with an error, not a NaN", async () => {
    const healthy = await exports.default.fetch(new Request("http://refrain.test/api/openapi.json"));
    expect(healthy.status).toBe(200);
    const broken = { ...env, DAILY_JOB_QUOTA: "lots" } as Env;
    const response = await createApp().fetch(new Request("http://refrain.test/api/openapi.json"), broken, {
      waitUntil() {},
      passThroughOnException() {},
      props: {},
    } as unknown as ExecutionContext);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: "internal" } });
  });
});
