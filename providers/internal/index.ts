export { InternalMusicProvider, type InternalProviderConfig } from "./provider";
export * from "./gateway";
