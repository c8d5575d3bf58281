import { ProviderError } from "../../providers";
import type { EngineVars } from "../../providers/engine";
import { engineAudioHosts } from "../../providers/engine-registry";
import { config } from "../config";

/** An engine pointed us at an address we do not fetch from: no retry will change that. */
export class RefusedUrl extends Error {
  override readonly name = "RefusedUrl";
}

const MAX_REDIRECTS = 3;
const AUDIO_TYPES = /^(audio\/[\w.+-]+|application\/octet-stream)$/;
const isLoopback = (hostname: string) =>
  hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * Hosts audio may come from: what each configured engine's descriptor names (its own host with its port, the
 * CDNs it serves files from), plus AUDIO_FETCH_HOSTS ("*.example.com" for any subdomain). Anything else, such
 * as a metadata address or an internal service, is refused before any request is made.
 */
export function audioHosts(env: Env): string[] {
  const engines = engineAudioHosts(env as unknown as EngineVars);
  return [...new Set([...engines, ...config(env).AUDIO_FETCH_HOSTS].map((h) => h.toLowerCase()))];
}

function checked(raw: string | URL, hosts: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedUrl(`not a URL: ${String(raw).slice(0, 200)}`);
  }
  // Plain HTTP only to this machine (local runs and tests): elsewhere it could be read or changed on the way.
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname)))
    throw new RefusedUrl(`${url.protocol} is not allowed for audio (${url.host})`);
  if (url.username || url.password) throw new RefusedUrl(`credentials in an audio URL (${url.host})`);
  const allowed = hosts.some((h) =>
    h.startsWith("*.") ? url.port === "" && url.hostname.endsWith(h.slice(1)) : url.host === h,
  );
  if (!allowed) throw new RefusedUrl(`${url.host} is not an allowed audio host`);
  return url;
}

/**
 * The checked response's body, still to be read: callers stream it on (into R2) instead of holding it. It is
 * the runtime's own stream, so it can be piped on without any chunk going through JavaScript (see storeAudio).
 */
export interface AudioDownload {
  body: ReadableStream<Uint8Array>;
  /** Content-Length, when the server gave one (at most `maxBytes`): HTTP framing ends the body there. */
  length: number | null;
  /** AUDIO_MAX_BYTES: without a Content-Length, the reader stops and refuses the file past it. */
  maxBytes: number;
}

/**
 * Opens an engine's audio: allowed hosts only, every redirect checked again, an audio content type, and a
 * Content-Length, when there is one, no larger than AUDIO_MAX_BYTES. A file the engine no longer has
 * (404, 410) or that is not audio is an invalid result: no retry brings it back.
 */
export async function fetchProviderAudio(env: Env, raw: string): Promise<AudioDownload> {
  const hosts = audioHosts(env);
  const maxBytes = config(env).AUDIO_MAX_BYTES;
  let url = checked(raw, hosts);
  let response: Response | undefined;
  for (let hop = 0; ; hop++) {
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: "manual" });
    } catch (err) {
      throw new ProviderError("unavailable", `Audio download failed: ${String(err)}`);
    }
    const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
    if (!location) break;
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new ProviderError("unavailable", "Audio download redirected too many times");
    url = checked(new URL(location, url), hosts);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const gone = response.status === 404 || response.status === 410;
    throw new ProviderError(
      "unavailable",
      `Audio download answered ${response.status}`,
      response.status,
      undefined,
      gone ? "result_invalid" : undefined,
    );
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!AUDIO_TYPES.test(type)) {
    await response.body?.cancel();
    throw new ProviderError(
      "unavailable",
      `Audio download answered ${type || "no content type"}`,
      undefined,
      undefined,
      "result_invalid",
    );
  }
  const declared = response.headers.get("content-length");
  const length = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null;
  if (length !== null && length > maxBytes) {
    await response.body?.cancel();
    throw new ProviderError("unavailable", "Audio file too large", undefined, undefined, "result_invalid");
  }
  return { body: response.body ?? new Response(new Uint8Array()).body!, length, maxBytes };
}
