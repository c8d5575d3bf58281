// The browser's view of the API: the access token lives in memory only; the refresh token is an
// HttpOnly cookie scoped to /api/auth, traded for a new access token on load and on a 401.
import type { ApiJob, ApiSession } from "./types";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

let accessToken: string | null = null;
let refreshing: Promise<ApiSession | null> | null = null;
const listeners = new Set<(session: ApiSession | null) => void>();

export const onSession = (fn: (session: ApiSession | null) => void) => {
  listeners.add(fn);
  return () => void listeners.delete(fn);
};
export function setSession(session: ApiSession | null) {
  accessToken = session?.accessToken ?? null;
  for (const fn of listeners) fn(session);
}
export const currentToken = () => accessToken;

/** Trades the refresh cookie for a session; concurrent callers share one request (the cookie rotates). */
export function refreshSession(): Promise<ApiSession | null> {
  refreshing ??= fetch("/api/auth/refresh", { method: "POST", credentials: "same-origin" })
    .then(async (r) => (r.ok ? ((await r.json()) as ApiSession) : null))
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

async function failure(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string; fields?: Record<string, string[]> } } | null;
  return new ApiFailure(response.status, body?.error?.code ?? "internal", body?.error?.message ?? response.statusText, body?.error?.fields ?? {});
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { ...init.headers };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? "GET", headers, credentials: "same-origin", ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  } catch {
    throw new ApiFailure(0, "network", "network");
  }
  if (response.status === 401 && !retried && !path.startsWith("/api/auth/")) {
    if (await refreshSession()) return api<T>(path, init, true);
  }
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const signIn = async (kind: "signin" | "signup", email: string, password: string) => {
  const session = await api<ApiSession>(`/api/auth/${kind}`, { method: "POST", body: { email, password } });
  setSession(session);
  return session;
};
export const signOut = async () => {
  await api("/api/auth/signout", { method: "POST" }).catch(() => undefined);
  setSession(null);
};

export const createJob = (body: Record<string, unknown>) => api<ApiJob>("/api/jobs", { method: "POST", body, headers: { "idempotency-key": crypto.randomUUID() } });
