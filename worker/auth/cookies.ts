import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/** The refresh token's cookie: only the API's auth routes ever receive it. */
const REFRESH_COOKIE = "refrain_refresh";
const REFRESH_PATH = "/api/auth";

/**
 * Tells the pages, which never receive the refresh cookie, that this browser has a session: the landing page
 * ships no JavaScript to a visitor, but a signed-in person's gets their menu. It holds no secret; the session
 * is still the refresh cookie's, checked by the API.
 */
export const SESSION_HINT_COOKIE = "refrain_session";

export const refreshCookie = (c: Context) => getCookie(c, REFRESH_COOKIE);

export function setSessionCookies(c: Context, refreshToken: string, maxAge: number): void {
  const common = { httpOnly: true, secure: c.req.url.startsWith("https:"), sameSite: "Lax", maxAge } as const;
  setCookie(c, REFRESH_COOKIE, refreshToken, { ...common, path: REFRESH_PATH });
  setCookie(c, SESSION_HINT_COOKIE, "1", { ...common, path: "/" });
}

export function clearSessionCookies(c: Context): void {
  deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_PATH });
  deleteCookie(c, SESSION_HINT_COOKIE, { path: "/" });
}
