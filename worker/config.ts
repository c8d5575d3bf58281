import { z } from "zod";
import { engineSecrets, engineSettings } from "../providers/engine-registry";

// The Worker's configuration (wrangler.toml vars and secrets), parsed by one schema. A wrong value stops the
// Worker with a message naming it, instead of silently becoming NaN somewhere in a request. Engines' vars and
// secrets come from their descriptors (providers/engines.ts).
// scripts/deploy.mjs loads this file under Node too (scripts/load-ts.mjs): keep it free of Worker-only imports.

const whole = (min: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `expected at least ${min}`));
const ratio = z
  .string()
  .trim()
  .regex(/^\d*\.?\d+$/, "expected a number between 0 and 1")
  .transform(Number)
  .pipe(z.number().max(1, "expected a number between 0 and 1"));
/** Empty disables the feature. */
const optionalWhole = z.union([z.literal("").transform(() => null), whole(1)]);
const rateRule = z
  .string()
  .regex(/^\s*[1-9]\d*\s*\/\s*[1-9]\d*\s*$/, 'expected "count/seconds", e.g. "10/60"')
  .transform((value) => {
    const [limit, windowSeconds] = value.split("/").map((n) => Number(n.trim()));
    return { limit: limit!, windowSeconds: windowSeconds! };
  });
const list = (separator: RegExp) =>
  z.string().transform((value) =>
    value
      .split(separator)
      .map((v) => v.trim())
      .filter(Boolean),
  );
const optionalUrl = z.union([z.literal(""), z.url({ message: "expected an absolute URL (or empty)" })]);
const flag = z.enum(["true", "false"], { message: 'expected "true" or "false"' }).transform((v) => v === "true");
const secret = z.string().optional().default("");

/**
 * Each engine's vars, checked as its descriptor says. They are read by the descriptors, not through `Config`
 * (hence the type that adds no keys to it).
 */
const engineShape = Object.fromEntries([
  ...Object.entries(engineSettings).map(([name, setting]) => [
    name,
    (setting.kind === "url" ? optionalUrl : z.string()).optional().default(setting.default ?? ""),
  ]),
  ...Object.keys(engineSecrets).map((name) => [name, secret]),
]) as Record<never, z.ZodType>;

const platformSchema = z.object({
  PUBLIC_URL: z.url({ message: "expected the site's absolute URL" }),
  CREDITS_PER_SONG: whole(0),
  CREDITS_PER_INSTRUMENTAL: whole(0),
  SIGNUP_CREDITS: whole(0),
  JOB_DEADLINE_SECONDS: whole(60),
  LYRICS_APPROVAL_HOURS: whole(1),
  LYRICS_FREE_DRAFTS: whole(0),
  POLL_INITIAL_SECONDS: whole(1),
  POLL_MAX_SECONDS: whole(1),
  ACCESS_TOKEN_TTL_SECONDS: whole(60),
  REFRESH_TOKEN_TTL_SECONDS: whole(60),
  MEDIA_LINK_TTL_SECONDS: whole(10),
  EMBED_LINK_TTL_SECONDS: whole(10),
  EMBED_ORIGINS: list(/[\s,]+/),
  MUSIC_PROVIDER: z.string(),
  LYRICS_PROVIDER: z.string(),
  LLM_BASE_URL: optionalUrl,
  LLM_MODEL: z.string(),
  LLM_JSON_MODE: flag,
  FAILOVER_CHAIN: list(/,/),
  AUDIO_MAX_BYTES: whole(1024),
  AUDIO_FETCH_HOSTS: list(/[\s,]+/),
  RATE_LIMIT_SIGNIN: rateRule,
  RATE_LIMIT_SIGNUP: rateRule,
  RATE_LIMIT_PASSWORD_RESET: rateRule,
  MAIL_FROM: z.email({ message: "expected the sender's email address" }),
  RATE_LIMIT_JOBS: rateRule,
  RATE_LIMIT_JOBS_IP: rateRule,
  DAILY_JOB_QUOTA: whole(1),
  TURNSTILE_SITE_KEY: z.string(),
  TURNSTILE_VERIFY_URL: z.url(),
  SUPABASE_JWKS_URL: optionalUrl,
  SUPABASE_ISSUER: z.string(),
  SUPABASE_AUDIENCE: z.string(),
  SUPABASE_DELETE_USERS: flag,
  ADMIN_EMAILS: list(/,/).transform((emails) => emails.map((e) => e.toLowerCase())),
  ALERT_FAILURE_RATE_MARGIN: ratio,
  ALERT_MIN_SAMPLE: whole(1),
  ALERT_MAX_COST_PER_SONG_CENTS: optionalWhole,
  ALERT_MAX_SPEND_PER_HOUR_CENTS: optionalWhole,
  RETENTION_PROVIDER_CALLS_DAYS: whole(1),
  RETENTION_WEBHOOKS_DAYS: whole(1),
  RETENTION_JOB_EVENTS_DAYS: whole(1),
  RETENTION_WAV_DAYS: whole(1),
  AUTH_JWT_SECRET: z.string().min(32, "expected a secret of at least 32 characters"),
  MEDIA_SIGNING_SECRET: z.string().min(32, "expected a secret of at least 32 characters"),
  LLM_API_KEY: secret,
  SUPABASE_JWT_SECRET: secret,
  TURNSTILE_SECRET_KEY: secret,
  ALERT_WEBHOOK_URL: secret,
});

export const configSchema = platformSchema.extend(engineShape).superRefine((vars, ctx) => {
  for (const name of requiredSecrets(vars))
    if (!vars[name as keyof typeof vars])
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `required by ${why(vars, name)}, but not set (wrangler secret put ${name})`,
      });
});

export type Config = z.infer<typeof platformSchema>;

type Vars = Partial<Record<string, unknown>>;
const set = (vars: Vars, name: string) => typeof vars[name] === "string" && vars[name] !== "";

/** Which engine or feature needs each secret, given the vars: an engine that is not configured needs none. */
const needs: Record<string, (vars: Vars) => string | null> = {
  AUTH_JWT_SECRET: () => "sign-in (always)",
  MEDIA_SIGNING_SECRET: () => "audio links (always)",
  ...Object.fromEntries(Object.entries(engineSecrets).map(([name, secret]) => [name, secret.neededBy])),
  SUPABASE_JWT_SECRET: (v) =>
    set(v, "SUPABASE_ISSUER") && !set(v, "SUPABASE_JWKS_URL")
      ? "Supabase sign-in without a JWKS URL (SUPABASE_ISSUER is set)"
      : null,
};
const why = (vars: Vars, name: string) => needs[name]?.(vars) ?? "";

/** The secrets a deployment with these vars cannot run without (the deploy script checks its secrets file too). */
export const requiredSecrets = (vars: Vars): string[] =>
  Object.keys(needs).filter((name) => needs[name]!(vars) !== null);

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** "Invalid configuration: CREDITS_PER_SONG: expected a whole number (got "ten")"; values of secrets are never shown. */
export function describeConfigError(error: z.ZodError, vars: Vars): string {
  const lines = error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "");
    const shown =
      name in needs || /SECRET|TOKEN|KEY|COOKIE|WEBHOOK_URL/.test(name)
        ? ""
        : ` (got ${JSON.stringify(vars[name] ?? null)})`;
    return `${name}: ${issue.message}${shown}`;
  });
  return `Invalid configuration: ${lines.join("; ")}`;
}

export function parseConfig(vars: Vars): Config {
  const result = configSchema.safeParse(vars);
  if (!result.success) throw new ConfigError(describeConfigError(result.error, vars));
  return result.data;
}

// Parsed once per env object: in production that is once per isolate.
const parsed = new WeakMap<object, Config>();

/** The configuration of the Worker's bindings (typed by their names, not as Env, so that the pages' build can read this file). */
export function config(env: Readonly<Record<keyof Config, unknown>>): Config {
  let found = parsed.get(env);
  if (!found) {
    found = parseConfig(env);
    parsed.set(env, found);
  }
  return found;
}
