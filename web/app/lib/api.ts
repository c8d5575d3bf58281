// The browser's view of the API, typed by the schema generated from its OpenAPI document. The access
// token lives in memory only; the refresh token is an HttpOnly cookie scoped to /api/auth, traded for
// a new access token on load and on a 401.
import createClient from "openapi-fetch";
import type { components, paths } from "./api-schema";

export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];
export type Session = Schema<"Session">;
export type JobStatus = Schema<"Job">["status"];
export type ErrorCode = Schema<"Error">["error"]["code"];

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network",
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

/** What a failed call threw, as an ApiFailure: a fetch that never got an answer is a network failure. */
export const asApiFailure = (error: unknown): ApiFailure =>
  error instanceof ApiFailure ? error : new ApiFailure(0, "network", "network");

let accessToken: string | null = null;
let refreshing: Promise<Session | null> | null = null;
const listeners = new Set<(session: Session | null) => void>();

export const onSession = (fn: (session: Session | null) => void) => {
  listeners.add(fn);
  return () => void listeners.delete(fn);
};
export function setSession(session: Session | null) {
  accessToken = session?.accessToken ?? null;
  for (const fn of listeners) fn(session);
}

function authorized(request: Request): Request {
  if (accessToken) request.headers.set("authorization", `Bearer ${accessToken}`);
  // The page's language, not the browser's: emails about an order are written in the one the person ordered in.
  if (typeof document !== "undefined" && document.documentElement.lang)
    request.headers.set("accept-language", document.documentElement.lang);
  return request;
}

/** Sends with the access token; on a 401 outside /api/auth, refreshes it once and sends again. */
async function send(request: Request): Promise<Response> {
  const again = request.clone();
  const response = await fetch(authorized(request));
  if (response.status !== 401 || new URL(request.url).pathname.startsWith("/api/auth/")) return response;
  return (await refreshSession()) ? fetch(authorized(again)) : response;
}

export const api = createClient<paths>({ credentials: "same-origin", fetch: send });

/** The response's data, or an ApiFailure with the API's error code and field errors. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const outcome = await call.catch(() => {
    throw new ApiFailure(0, "network", "network");
  });
  if (outcome.response.ok) return outcome.data as T;
  const body = (outcome.error as Partial<Schema<"Error">> | undefined)?.error;
  throw new ApiFailure(
    outcome.response.status,
    body?.code ?? "internal",
    body?.message ?? outcome.response.statusText,
    body?.fields ?? {},
  );
}

// Tabs share the cookie: one tab at a time trades it, since a second tab sending the same one would look
// like a replay of a traded token, which ends the session.
const trade = async (): Promise<Session | null> => {
  // 204: this browser holds no session (a visitor).
  const request = async () => {
    const outcome = await api.POST("/api/auth/refresh");
    return outcome.response.status === 204 ? null : unwrap(Promise.resolve(outcome));
  };
  return typeof navigator !== "undefined" && navigator.locks
    ? await navigator.locks.request("refrain-refresh", request)
    : request();
};

/** Trades the refresh cookie for a session; concurrent callers share one request (the cookie rotates). */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= trade()
    .catch(() => null)
    .then((session) => {
      setSession(session);
      return session;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** The Turnstile token, as the API takes it, when the page has one. */
export const challenge = (token: string | null | undefined) => (token ? { "cf-turnstile-response": token } : {});

export const signIn = async (kind: "signin" | "signup", email: string, password: string, turnstile?: string | null) => {
  const body = { body: { email, password } };
  const session = await unwrap(
    kind === "signin"
      ? api.POST("/api/auth/signin", body)
      : api.POST("/api/auth/signup", { ...body, params: { header: challenge(turnstile) } }),
  );
  setSession(session);
  return session;
};
export const signOut = async () => {
  await unwrap(api.POST("/api/auth/signout")).catch(() => undefined);
  setSession(null);
};

export const createJob = (body: Schema<"CreateJob">, turnstile?: string | null) =>
  unwrap(
    api.POST("/api/jobs", {
      body,
      params: { header: { "idempotency-key": crypto.randomUUID(), ...challenge(turnstile) } },
    }),
  );
