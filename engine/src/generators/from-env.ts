import type { SectionGenerator } from "./contract";
import { type ModelName, ModelServerGenerator, modelNames } from "./model-server";

/**
 * The generator the environment asks for: none (the built-in arranger and synthesizer) unless
 * ENGINE_GENERATOR=model-server. A half-configured model server stops the engine at start
 * rather than failing every song later.
 */
export function generatorFromEnv(env: Record<string, string | undefined>): SectionGenerator | undefined {
  const kind = env.ENGINE_GENERATOR?.trim() || "builtin";
  if (kind === "builtin") return undefined;
  if (kind !== "model-server") throw new Error(`ENGINE_GENERATOR must be "builtin" or "model-server", not "${kind}"`);
  const baseUrl = env.ENGINE_MODEL_SERVER_URL;
  const token = env.ENGINE_MODEL_SERVER_TOKEN;
  if (!baseUrl || !token)
    throw new Error("ENGINE_GENERATOR=model-server needs ENGINE_MODEL_SERVER_URL and ENGINE_MODEL_SERVER_TOKEN");
  // ACE-Step by default: it sings, and its licence (Apache-2.0) allows commercial use; MusicGen's weights do not.
  const model = (env.ENGINE_MODEL_SERVER_MODEL || "ace-step") as ModelName;
  if (!modelNames.includes(model))
    throw new Error(`ENGINE_MODEL_SERVER_MODEL must be one of ${modelNames.join(", ")}, not "${model}"`);
  const timeoutSec = Number(env.ENGINE_MODEL_SERVER_TIMEOUT_SEC || 600);
  if (!(timeoutSec > 0)) throw new Error("ENGINE_MODEL_SERVER_TIMEOUT_SEC must be a positive number of seconds");
  return new ModelServerGenerator({
    baseUrl,
    token,
    model,
    modalKey: env.ENGINE_MODEL_SERVER_MODAL_KEY,
    modalSecret: env.ENGINE_MODEL_SERVER_MODAL_SECRET,
    timeoutMs: timeoutSec * 1000,
  });
}
