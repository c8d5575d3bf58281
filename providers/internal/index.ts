export { InternalMusicProvider, type InternalProviderConfig } from "./provider";
export * from "../../domain/engine-gateway";
