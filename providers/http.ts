import { z } from "zod";
import { ProviderError } from "./contract";

// How every adapter and lyrics writer speaks HTTP: one exchange bounded by a deadline, one JSON client
// whose answers each engine reads in its own way, and the parsing of Retry-After. A network failure or a
// deadline passed means the engine is unavailable, never that the order is at fault.

export const defaultTimeoutMs = 20_000;

/** The global fetch must not be called detached from its global in workerd ("Illegal invocation"). */
export function fetchOf(custom?: typeof fetch): typeof fetch {
  return custom ?? ((input, init) => fetch(input, init));
}

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + path;
}

export interface RawAnswer {
  status: number;
  body: string;
  retryAfter: string | null;
}

/** One HTTP exchange bounded by a deadline that also covers reading the body. */
export async function exchange(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  engine: string,
): Promise<RawAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetchImpl(url, { ...init, signal });
    return { status: res.status, body: await res.text(), retryAfter: res.headers.get("retry-after") };
  } catch (err) {
    if (signal.aborted) throw new ProviderError("unavailable", `${engine} did not answer within ${timeoutMs} ms`);
    throw new ProviderError(
      "unavailable",
      `${engine} unreachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** An engine's answer, read: the JSON value its payload is, or the error it means. */
export type Reading = { ok: true; value: unknown } | { ok: false; error: ProviderError };

export interface JsonClientConfig {
  /** Names the engine in errors and logs. */
  engine: string;
  baseUrl: string;
  /** Sent with every request (credentials); computed per call, so rotating ones are read fresh. */
  headers?: () => Record<string, string>;
  /** How this engine's answers say success or failure: its envelope, its error codes. */
  read: (answer: RawAnswer, path: string) => Reading;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A JSON API behind one base URL: every call bounded, every answer read by the engine's rules, then checked by a schema. */
export class JsonClient {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  constructor(private readonly config: JsonClientConfig) {
    this.fetchImpl = fetchOf(config.fetch);
    this.timeoutMs = config.timeoutMs ?? defaultTimeoutMs;
  }

  get<T>(path: string, schema: z.ZodType<T>, headers?: Record<string, string>): Promise<T> {
    return this.call(path, { method: "GET" }, schema, headers);
  }

  post<T>(path: string, body: unknown, schema: z.ZodType<T>, headers?: Record<string, string>): Promise<T> {
    return this.call(path, { method: "POST", body: JSON.stringify(body) }, schema, headers);
  }

  delete<T>(path: string, schema: z.ZodType<T>, headers?: Record<string, string>): Promise<T> {
    return this.call(path, { method: "DELETE" }, schema, headers);
  }

  private async call<T>(
    path: string,
    init: RequestInit,
    schema: z.ZodType<T>,
    extra: Record<string, string> = {},
  ): Promise<T> {
    const headers = {
      "content-type": "application/json",
      accept: "application/json",
      ...this.config.headers?.(),
      ...extra,
    };
    const answer = await exchange(
      this.fetchImpl,
      joinUrl(this.config.baseUrl, path),
      { ...init, headers },
      this.timeoutMs,
      this.config.engine,
    );
    const reading = this.config.read(answer, path);
    if (!reading.ok) throw reading.error;
    const data = schema.safeParse(reading.value);
    // An answer of the wrong shape is the engine's fault (an outage's proxy page, a changed API), not the order's.
    if (!data.success)
      throw new ProviderError(
        "unavailable",
        `${this.config.engine}: unexpected answer to ${path}: ${z.prettifyError(data.error)}`,
      );
    return data.data;
  }
}

/** The usual reading: a 2xx JSON body is the value; anything else is the engine being unavailable unless `refuse` says otherwise. */
export function plainJson(
  engine: string,
  refuse: (answer: RawAnswer, json: unknown) => ProviderError | null,
): JsonClientConfig["read"] {
  return (answer, path) => {
    const json = parseJson(answer.body);
    if (answer.status < 200 || answer.status >= 300) {
      const error = refuse(answer, json.ok ? json.value : undefined);
      return {
        ok: false,
        error:
          error ?? new ProviderError("unavailable", `${engine} answered ${answer.status} to ${path}`, answer.status),
      };
    }
    if (!json.ok)
      return { ok: false, error: new ProviderError("unavailable", `${engine}: unreadable answer to ${path}`) };
    return { ok: true, value: json.value };
  };
}
