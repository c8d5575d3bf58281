import { createContext } from "react-router";

/** What the pages need from the Worker's bindings (web/worker.ts passes the whole Env). */
export interface WebEnv {
  PUBLIC_URL: string;
  CREDITS_PER_SONG: string;
  LYRICS_FREE_DRAFTS: string;
}

/** The Worker's bindings, and the API itself (called in-process), for loaders that run on the server. */
export const cloudflareContext = createContext<{ env: WebEnv; ctx: { waitUntil(promise: Promise<unknown>): void }; api: (request: Request) => Promise<Response> }>();
