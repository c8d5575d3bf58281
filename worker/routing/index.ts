export {
  chooseRoute,
  failoverPicker,
  loadRoutingSnapshot,
  type RoutingSnapshot,
  routingSnapshot,
  routingSnapshotQueries,
} from "./choose";
export { defaultRoutingConfig, loadRoutingConfig, saveRoutingConfig } from "./config-store";
export { callSink, chooseLyricsWriter, lyrics, lyricsRegistry, music, musicRegistry } from "./engines";
export { circuits, markProbing } from "./health";
export { INSTRUMENTAL_ENGINES, MAX_ENGINE_ERRORS, stallSeconds } from "./limits";
