// Messages between the engine and the espeak process (Node IPC with structured-clone serialization,
// so PCM travels as a typed array).

export interface SynthesisParams {
  text: string;
  /** espeak voice name, e.g. "fr+f3". */
  voice: string;
  /** espeak's 0–99 pitch setting; the range is always 0 (a monotone line). */
  pitch: number;
  /** Words per minute. */
  rate: number;
}

export interface SynthesisRequest extends SynthesisParams {
  id: number;
}

export interface PhonemeEvent {
  /** IPA as espeak names it ("ˈø", "eɪ", "(en)" for a language switch, "" for a pause). */
  ipa: string;
  /** Start, in milliseconds from the start of the audio. */
  ms: number;
  /** 1-based code point position in the text of the word the phoneme belongs to. */
  textPosition: number;
}

export interface Synthesis {
  pcm: Int16Array;
  sampleRate: number;
  phonemes: PhonemeEvent[];
}

export type EspeakReply = ({ id: number; ok: true } & Synthesis) | { id: number; ok: false; message: string };
