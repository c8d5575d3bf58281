import { type EngineDescriptor, type EngineVars, hostOf, reportedCost, text } from "../engine";
import { InternalMusicProvider, type InternalProviderConfig } from "./provider";

const onModal = (vars: EngineVars) => /^https:\/\/[^/]+\.modal\.run(\/|$)/.test(text(vars, "ENGINE_URL"));

/** The engine's gateway as these vars reach it; the instrumental fallback builds its own instance with `options`. */
export function internalProvider(
  vars: EngineVars,
  options: Pick<InternalProviderConfig, "id" | "instrumentalOnly"> = {},
): InternalMusicProvider {
  const secret = text(vars, "ENGINE_WEBHOOK_SECRET");
  const [modalKey, modalSecret] = [text(vars, "MODAL_KEY"), text(vars, "MODAL_SECRET")];
  return new InternalMusicProvider({
    baseUrl: text(vars, "ENGINE_URL"),
    token: text(vars, "ENGINE_TOKEN"),
    ...(secret ? { webhookSecret: secret } : {}),
    ...(modalKey && modalSecret ? { modalKey, modalSecret } : {}),
    ...options,
  });
}

export const internalEngine: EngineDescriptor = {
  id: "internal",
  title: "The built-in engine behind its gateway (local default; Modal in production, `engine/modal/app.py`)",
  capabilities: { callbacks: true, cancel: true, sings: true },
  settings: { ENGINE_URL: { kind: "url", doc: "the engine gateway's base URL" } },
  secrets: {
    ENGINE_TOKEN: {
      doc: "bearer token for the engine's gateway",
      neededBy: (v) => (text(v, "ENGINE_URL") ? "the built-in engine (ENGINE_URL is set)" : null),
      local: "token",
    },
    ENGINE_WEBHOOK_SECRET: {
      doc: "`whsec_…` Standard Webhooks secret the engine signs its callbacks with",
      neededBy: () => null,
      local: "whsec",
    },
    MODAL_KEY: {
      doc: "Modal proxy-auth key",
      neededBy: (v) => (onModal(v) ? "the engine on Modal (ENGINE_URL is a modal.run address)" : null),
    },
    MODAL_SECRET: {
      doc: "Modal proxy-auth secret",
      neededBy: (v) => (onModal(v) ? "the engine on Modal (ENGINE_URL is a modal.run address)" : null),
    },
  },
  enabled: (v) => Boolean(text(v, "ENGINE_URL") && text(v, "ENGINE_TOKEN")),
  audioHosts: (v) => hostOf(v, "ENGINE_URL"),
  create: (v) => internalProvider(v),
  cost: reportedCost,
};
