export { BuiltinLyricsWriter, builtinLyricsWriter, composeLyrics, type BuiltinLyricsOptions } from "./builtin";
export { occasionKinds, moodKinds, type Occasion, type Mood } from "./builtin-banks";
export { OpenAICompatibleLyricsWriter, type OpenAICompatibleConfig } from "./openai";
export { lyricsMessages, parseLyricsAnswer, type ChatMessage } from "./prompt";
export { countSyllables, lastWord, rhymeKey, rhymes, wordSyllables } from "./prosody";
export { WorkersAiLyricsWriter, defaultWorkersAiModel, type WorkersAiBinding, type WorkersAiLyricsConfig } from "./workers-ai";
