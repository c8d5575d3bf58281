// Every log line of the Worker goes through `log`: one JSON object per line, so Workers Logs can
// filter on its fields, and one redaction step, so no credential reaches a log whatever a caller passes.

export type LogLevel = "debug" | "info" | "warn" | "error";

/** The fields that tie a line to a request, a job and its engine; anything else may ride along. */
export interface LogFields {
  requestId?: string;
  jobId?: string;
  user?: string;
  provider?: string | null;
  latencyMs?: number;
  costCents?: number | null;
  error?: unknown;
  [field: string]: unknown;
}

const REDACTED = "[redacted]";

/** Fields whose value is a credential by name, whatever it looks like. */
const secretKey = /pass(word|phrase)?|secret|token|authorization|cookie|signature|^sig$|api[-_]?key|credential/i;

/** Credentials embedded in free text: error messages, URLs, echoed headers. */
const secretPatterns: [RegExp, string][] = [
  [/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`],
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, REDACTED], // JWTs
  [/\bwhsec_[A-Za-z0-9+/=_-]+/g, `whsec_${REDACTED}`],
  [/\bv1,[A-Za-z0-9+/=]{16,}/g, `v1,${REDACTED}`], // Standard Webhooks signatures
  // Query parameters that carry a credential: callback tokens, media signatures, share and access tokens.
  [/([?&](?:token|access_token|sig|signature|t|key|api_key|apikey|code)=)[^&\s"'#]+/gi, `$1${REDACTED}`],
  [/(refrain_refresh=)[^;\s"']+/g, `$1${REDACTED}`],
];

// Secret values configured on this Worker (by the name of their binding), masked verbatim wherever
// they appear. Filled from each env the Worker is handed; the env is the same for an isolate's life.
const knownSecrets = new Set<string>();
const secretBinding = /SECRET|TOKEN|_KEY$|COOKIE|PASSWORD|WEBHOOK_URL/;

const watched = new WeakSet<object>();

/** Learns this Worker's secret values so that `log` masks them; called on every entry point, it reads each env once. */
export function watchSecrets(env: object): void {
  if (watched.has(env)) return;
  watched.add(env);
  for (const [name, value] of Object.entries(env))
    if (secretBinding.test(name) && typeof value === "string" && value.length >= 8) knownSecrets.add(value);
}

export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of secretPatterns) out = out.replace(pattern, replacement);
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`);
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "[deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      secretKey.test(k) && v !== undefined && v !== null ? REDACTED : redact(v, depth + 1),
    ]),
  );
}

const sinks: Record<LogLevel, (line: string) => void> = {
  debug: (line) => console.debug(line),
  info: (line) => console.log(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

export function log(level: LogLevel, msg: string, fields: LogFields = {}): void {
  sinks[level](JSON.stringify(redact({ level, msg, ...fields })));
}
