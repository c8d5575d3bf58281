// The package ships no types: this declares the slice of its Emscripten API the espeak process uses.
declare module "@echogarden/espeak-ng-emscripten" {
  export interface EspeakNativeEvent {
    type:
      | "list_terminated"
      | "word"
      | "sentence"
      | "mark"
      | "play"
      | "end"
      | "msg_terminated"
      | "phoneme"
      | "samplerate";
    /** 1-based position, in code points, of the word the event belongs to. */
    text_position: number;
    word_length: number;
    /** Milliseconds from the start of the synthesized audio. */
    audio_position: number;
    id: string | number | undefined;
  }

  export interface EspeakWorker {
    /** 0 on success. */
    set_voice(name: string): number;
    set_pitch(pitch: number): void;
    set_range(range: number): void;
    set_rate(wordsPerMinute: number): void;
    get_samplerate(): number;
    /** The callback returns true to stop synthesis early. */
    synthesize(text: string, callback: (pcm: Int16Array, events: EspeakNativeEvent[]) => boolean): void;
  }

  /** Emscripten's in-memory file system (MEMFS), where the package's data files are laid. */
  export interface EspeakFileNode {
    mode: number;
    /** A file's bytes (a view into the package's buffer) until written. */
    contents: Uint8Array | unknown;
  }

  export interface EspeakModule {
    eSpeakNGWorker: new () => EspeakWorker;
    HEAPU8: Uint8Array;
    FS: {
      readdir(path: string): string[];
      lookupPath(path: string): { node: EspeakFileNode };
      isDir(mode: number): boolean;
    };
  }

  export interface EspeakOptions {
    /** The package's data file's bytes, instead of reading the file whole. */
    getPreloadedPackage?: (name: string, size: number) => ArrayBuffer;
  }

  const createEspeak: (moduleArg?: EspeakOptions) => Promise<EspeakModule>;
  export default createEspeak;
}
