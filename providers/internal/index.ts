export * from "../../domain/engine-gateway";
export { InternalMusicProvider, type InternalProviderConfig } from "./provider";
