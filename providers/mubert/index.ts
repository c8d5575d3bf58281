export { MubertProvider, InstrumentalFallbackProvider, type MubertConfig } from "./provider";
