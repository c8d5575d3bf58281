export { type BuiltinLyricsOptions, BuiltinLyricsWriter, builtinLyricsWriter } from "./builtin";
export { type OpenAICompatibleConfig, OpenAICompatibleLyricsWriter } from "./openai";
export { type ChatMessage, lyricsMessages, parseLyricsAnswer } from "./prompt";
export {
  defaultWorkersAiModel,
  type WorkersAiBinding,
  type WorkersAiLyricsConfig,
  WorkersAiLyricsWriter,
} from "./workers-ai";
