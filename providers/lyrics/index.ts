export { BuiltinLyricsWriter, builtinLyricsWriter, type BuiltinLyricsOptions } from "./builtin";
export { OpenAICompatibleLyricsWriter, type OpenAICompatibleConfig } from "./openai";
export { lyricsMessages, parseLyricsAnswer, type ChatMessage } from "./prompt";
export { WorkersAiLyricsWriter, defaultWorkersAiModel, type WorkersAiBinding, type WorkersAiLyricsConfig } from "./workers-ai";
