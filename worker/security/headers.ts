import { config } from "../config";

const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";

/** A fresh value per response: inline scripts run only when they carry it (React Router's hydration data). */
export function cspNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** Pages may be framed only under /embed/*, and only by the partner origins in EMBED_ORIGINS. */
function frameAncestors(env: Env, embeddable: boolean): string {
  if (!embeddable) return "'none'";
  const origins = config(env).EMBED_ORIGINS.filter((o) => /^https?:\/\/[^\s/'";]+$/.test(o));
  return ["'self'", ...origins].join(" ");
}

function pagePolicy(env: Env, nonce: string, ancestors: string): string {
  // The Turnstile widget is a script and an iframe from Cloudflare, needed only once a site key is set.
  const turnstile = env.TURNSTILE_SITE_KEY ? ` ${TURNSTILE_ORIGIN}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${turnstile}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // The favicon is an empty data: URL.
    "img-src 'self' data:",
    `frame-src 'self'${turnstile}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
}

/**
 * The security headers of every response. HTML documents (the pages, the API docs) get the full CSP,
 * whose nonce their inline scripts and styles must carry; other responses (JSON, audio) only refuse to
 * be framed, since a document policy there could stop a browser playing an audio link opened directly.
 */
export function withSecurityHeaders(env: Env, path: string, response: Response, nonce: string): Response {
  const embeddable = path.startsWith("/embed/");
  const ancestors = frameAncestors(env, embeddable);
  const html = (response.headers.get("content-type") ?? "").startsWith("text/html");
  const headers = new Headers(response.headers);
  headers.set("Content-Security-Policy", html ? pagePolicy(env, nonce, ancestors) : `frame-ancestors ${ancestors}`);
  if (!embeddable) headers.set("X-Frame-Options", "DENY");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  // Browsers ignore it over plain HTTP (local runs), as RFC 6797 requires.
  headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
