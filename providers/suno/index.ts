export { SunoHostedLyricsWriter, SunoHostedProvider, type SunoHostedConfig, type SunoHostedLyricsConfig } from "./hosted";
export { SunoWrapperLyricsWriter, SunoWrapperProvider, type SunoWrapperConfig, type SunoWrapperLyricsConfig } from "./wrapper";
