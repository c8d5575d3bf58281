import { type EngineDescriptor, hostOf, reportedCost, text } from "../engine";
import { SunoHostedLyricsWriter, SunoHostedProvider } from "./hosted";
import { SunoWrapperLyricsWriter, SunoWrapperProvider } from "./wrapper";

/** Suno serves both families' files from its own CDNs. */
const sunoCdns = ["*.suno.ai", "*.suno.com"];

export const sunoEngine: EngineDescriptor = {
  id: "suno",
  title: "Hosted Suno API (sunoapi.org family, callbacks)",
  capabilities: { callbacks: true, cancel: false, sings: true },
  settings: {
    SUNO_API_BASE_URL: { kind: "url", doc: "the hosted API's base URL" },
    SUNO_MODEL: { kind: "text", default: "V4_5", doc: "V4 | V4_5 | V4_5PLUS | V4_5ALL | V5 | V5_5" },
  },
  secrets: {
    SUNO_API_KEY: {
      doc: "the hosted Suno API's key",
      neededBy: (v) => (text(v, "SUNO_API_BASE_URL") ? "the hosted Suno API (SUNO_API_BASE_URL is set)" : null),
    },
  },
  enabled: (v) => Boolean(text(v, "SUNO_API_BASE_URL")),
  audioHosts: (v) => [...hostOf(v, "SUNO_API_BASE_URL"), ...sunoCdns],
  create: (v) =>
    new SunoHostedProvider({
      baseUrl: text(v, "SUNO_API_BASE_URL"),
      apiKey: text(v, "SUNO_API_KEY"),
      model: text(v, "SUNO_MODEL") || "V4_5",
    }),
  lyricsWriter: (v, callbackUrl) =>
    new SunoHostedLyricsWriter({
      baseUrl: text(v, "SUNO_API_BASE_URL"),
      apiKey: text(v, "SUNO_API_KEY"),
      // The hosted lyrics API insists on a callback URL although we poll it: it gets the job's own,
      // where a lyrics callback matches no music task and is ignored.
      callbackUrl,
      // Lyrics take seconds, not minutes: check them more often than music.
      pollIntervalMs: Number(text(v, "POLL_INITIAL_SECONDS") || 5) * 400,
    }),
  cost: reportedCost,
};

export const sunoWrapperEngine: EngineDescriptor = {
  id: "suno-wrapper",
  title: "Self-hosted gcui-art/suno-api",
  capabilities: { callbacks: false, cancel: false, sings: true },
  settings: {
    SUNO_WRAPPER_BASE_URL: { kind: "url", doc: "the wrapper's base URL" },
    SUNO_WRAPPER_MODEL: { kind: "text", default: "chirp-v4", doc: "always set: the wrapper's own default is stale" },
  },
  secrets: {
    SUNO_WRAPPER_COOKIE: {
      doc: "the wrapper's Suno cookie (optional: it overrides the wrapper's own)",
      neededBy: () => null,
    },
  },
  enabled: (v) => Boolean(text(v, "SUNO_WRAPPER_BASE_URL")),
  audioHosts: (v) => [...hostOf(v, "SUNO_WRAPPER_BASE_URL"), ...sunoCdns],
  create: (v) => {
    const cookie = text(v, "SUNO_WRAPPER_COOKIE");
    return new SunoWrapperProvider({
      baseUrl: text(v, "SUNO_WRAPPER_BASE_URL"),
      model: text(v, "SUNO_WRAPPER_MODEL") || "chirp-v4",
      ...(cookie ? { cookie } : {}),
    });
  },
  lyricsWriter: (v) => {
    const cookie = text(v, "SUNO_WRAPPER_COOKIE");
    return new SunoWrapperLyricsWriter({ baseUrl: text(v, "SUNO_WRAPPER_BASE_URL"), ...(cookie ? { cookie } : {}) });
  },
  cost: reportedCost,
};
