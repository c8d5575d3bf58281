import { createContext } from "react-router";

/** What the pages need from the Worker's bindings (web/worker.ts passes the whole Env). */
export interface WebEnv {
  PUBLIC_URL: string;
  CREDITS_PER_SONG: string;
  LYRICS_FREE_DRAFTS: string;
  TURNSTILE_SITE_KEY: string;
}

/**
 * The Worker's bindings, the API itself (called in-process) for loaders that run on the server, and the
 * response's CSP nonce, which every inline script the server renders must carry.
 */
export const cloudflareContext = createContext<{
  env: WebEnv;
  ctx: { waitUntil(promise: Promise<unknown>): void };
  nonce: string;
  api: (request: Request) => Promise<Response>;
}>();
