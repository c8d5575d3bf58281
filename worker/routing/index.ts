export { music, lyrics, musicRegistry, lyricsRegistry, chooseLyricsWriter, callSink } from "./engines";
export { chooseRoute, nextInChain } from "./choose";
export { loadRoutingConfig, saveRoutingConfig, defaultRoutingConfig } from "./config-store";
export { circuits } from "./health";
