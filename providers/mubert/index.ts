export { type MubertConfig, MubertProvider } from "./provider";
