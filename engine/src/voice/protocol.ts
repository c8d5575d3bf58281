// Messages between the singer thread and the espeak process (Node IPC with structured-clone
// serialization, so PCM travels as a typed array), and between a render and the singer thread.
import type { SingRequest } from "./contract";

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

/** A request to say, or to drop a request not said yet (its song was cancelled). */
export type ToEspeak = ({ type: "say" } & SynthesisRequest) | { type: "cancel"; id: number };

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

// Messages between a thread that sings and the singer thread (see sing.ts, singer-thread.ts).

export type ToSingerThread =
  | { type: "warm" }
  | { type: "sing"; id: number; request: SingRequest }
  | { type: "cancel"; id: number }
  | { type: "close" };

export type FromSingerThread =
  /** `espeakPid`: the espeak process the singer thread is working with, if one is running. */
  | { type: "sung"; id: number; samples: Float32Array; espeakPid?: number }
  | { type: "failed"; id: number; name: string; message: string; espeakPid?: number }
  | { type: "closed" };
