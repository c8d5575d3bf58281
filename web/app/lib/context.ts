import { createContext } from "react-router";
import type { Config } from "../../../worker/config";

/** What the pages read of the Worker's configuration, parsed as the API parses it (worker/config.ts). */
export type WebConfig = Pick<
  Config,
  "PUBLIC_URL" | "CREDITS_PER_SONG" | "SIGNUP_CREDITS" | "LYRICS_FREE_DRAFTS" | "TURNSTILE_SITE_KEY"
>;

/**
 * The Worker's configuration, the API itself (called in-process) for loaders that run on the server, and the
 * response's CSP nonce, which every inline script the server renders must carry.
 */
export const cloudflareContext = createContext<{
  config: WebConfig;
  ctx: { waitUntil(promise: Promise<unknown>): void };
  nonce: string;
  api: (request: Request) => Promise<Response>;
}>();
