export { MubertProvider, type MubertConfig } from "./provider";
