export * from "./contract";
export { parseLyricsText, formatLyricsText } from "../domain/lyrics-text";
export { recorded, recordedLyrics, type ProviderCallRecord, type ProviderCallSink } from "./recorded";
export { Registry } from "./registry";
export * from "./suno";
export * from "./internal";
export * from "./mubert";
export * from "./routing";
export { BlindPairProvider } from "./blind";
