import { hmacSign, hmacVerify } from "../auth";
import { config } from "../config";

export const dispositions = ["inline", "attachment"] as const;
export type Disposition = (typeof dispositions)[number];

export const mediaFormats = ["mp3", "wav"] as const;
export type MediaFormat = (typeof mediaFormats)[number];

const message = (trackId: string, expires: number, disposition: Disposition, format: MediaFormat) =>
  `media:${trackId}:${expires}:${disposition}:${format}`;

/** A link to one track's audio, valid until `expires` (unix seconds), for streaming (inline) or download (attachment). */
/** Links handed to people without an account (share page, embeds, gifts) live shorter; their players renew them. */
export const publicLinkTtl = (env: Env) =>
  Math.min(config(env).EMBED_LINK_TTL_SECONDS, config(env).MEDIA_LINK_TTL_SECONDS);

export async function signMediaLink(
  env: Env,
  trackId: string,
  disposition: Disposition,
  now = Date.now(),
  format: MediaFormat = "mp3",
  ttlSeconds = config(env).MEDIA_LINK_TTL_SECONDS,
) {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const url = new URL(`/api/media/${encodeURIComponent(trackId)}`, env.PUBLIC_URL);
  url.searchParams.set("exp", String(expires));
  url.searchParams.set("disp", disposition);
  url.searchParams.set("fmt", format);
  url.searchParams.set("sig", await hmacSign(env.MEDIA_SIGNING_SECRET, message(trackId, expires, disposition, format)));
  return { url: url.pathname + url.search, expiresAt: new Date(expires * 1000).toISOString() };
}

export async function verifyMediaLink(
  env: Env,
  trackId: string,
  expires: number,
  disposition: Disposition,
  format: MediaFormat,
  signature: string,
  now = Date.now(),
): Promise<"ok" | "expired" | "invalid"> {
  if (!(await hmacVerify(env.MEDIA_SIGNING_SECRET, message(trackId, expires, disposition, format), signature)))
    return "invalid";
  return expires * 1000 > now ? "ok" : "expired";
}
