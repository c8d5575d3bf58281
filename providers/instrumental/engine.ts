import { type EngineDescriptor, reportedCost } from "../engine";
import { internalEngine, internalProvider } from "../internal/engine";
import { mubertEngine } from "../mubert/engine";
import { InstrumentalFallbackProvider } from "./provider";

/** The last resort works offline: Mubert when configured, else our own engine without vocals. */
export const instrumentalEngine: EngineDescriptor = {
  id: "instrumental",
  title: "Instrumental fallback (Mubert, else the engine without voice)",
  capabilities: { callbacks: false, cancel: false, sings: false },
  settings: {},
  secrets: {},
  enabled: (v) => mubertEngine.enabled(v) || internalEngine.enabled(v),
  // Its takes are the backing engine's, downloaded from that engine's hosts.
  audioHosts: (v) => (mubertEngine.enabled(v) ? mubertEngine.audioHosts(v) : internalEngine.audioHosts(v)),
  create: (v, { engines }) =>
    new InstrumentalFallbackProvider(
      engines(mubertEngine.id) ?? internalProvider(v, { id: "internal-instrumental", instrumentalOnly: true }),
    ),
  cost: reportedCost,
  // For an instrumental order, the engine without voice makes exactly what `internal` makes.
  renderer: (v, vocal) =>
    mubertEngine.enabled(v) ? mubertEngine.id : vocal === "instrumental" ? internalEngine.id : "internal-instrumental",
};
