export { InstrumentalFallbackProvider } from "./provider";
