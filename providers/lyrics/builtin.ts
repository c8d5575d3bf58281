import { composeLyrics, LyricsNotComposed } from "../../domain/builtin-lyrics/compose";
import { type Lyrics, type LyricsWriter, ProviderError, type SongContext } from "../contract";

// The built-in writer composes in domain/ (pure, no network), where the engine uses it too; as a
// lyrics writer of the product it answers in the providers' errors.

export interface BuiltinLyricsOptions {
  /** Changes the draft for the same context ("write me another one"). */
  seed?: number;
}

export class BuiltinLyricsWriter implements LyricsWriter {
  readonly id = "builtin";

  constructor(private readonly options: BuiltinLyricsOptions = {}) {}

  async writeLyrics(context: SongContext, options: BuiltinLyricsOptions = {}): Promise<Lyrics> {
    try {
      return composeLyrics(context, options.seed ?? this.options.seed ?? 0);
    } catch (error) {
      if (error instanceof LyricsNotComposed) throw new ProviderError(error.kind, error.message);
      throw error;
    }
  }
}

export const builtinLyricsWriter = new BuiltinLyricsWriter();
