import type { EngineDescriptor } from "./engine";
import { instrumentalEngine } from "./instrumental/engine";
import { internalEngine } from "./internal/engine";
import { mubertEngine } from "./mubert/engine";
import { sunoEngine, sunoWrapperEngine } from "./suno/engine";

/**
 * Every engine the platform can use, in the order the registry builds them (an engine built from another comes
 * after it). Adding an engine is its folder and one line here: see docs/add-an-engine.md.
 */
export const engines: readonly EngineDescriptor[] = [
  internalEngine,
  sunoEngine,
  sunoWrapperEngine,
  mubertEngine,
  instrumentalEngine,
];
