export {
  type SunoHostedConfig,
  type SunoHostedLyricsConfig,
  SunoHostedLyricsWriter,
  SunoHostedProvider,
} from "./hosted";
export {
  type SunoWrapperConfig,
  type SunoWrapperLyricsConfig,
  SunoWrapperLyricsWriter,
  SunoWrapperProvider,
} from "./wrapper";
