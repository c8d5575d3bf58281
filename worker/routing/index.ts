export { music, lyrics, musicRegistry, lyricsRegistry, chooseLyricsWriter, callSink } from "./engines";
export { chooseRoute, failoverPicker, loadRoutingSnapshot, routingSnapshot, routingSnapshotQueries, type RoutingSnapshot } from "./choose";
export { loadRoutingConfig, saveRoutingConfig, defaultRoutingConfig } from "./config-store";
export { circuits, markProbing } from "./health";
export { stallSeconds, MAX_ENGINE_ERRORS, INSTRUMENTAL_ENGINES } from "./limits";
