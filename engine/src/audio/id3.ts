// The MP3 as people keep it, on a phone or in a music app: its title and maker, and the words it sings,
// as text and with their times (players that show synchronised lyrics light each line as it is sung).
// ID3v2.3, the version every player reads.
import { ID3Writer, type SynchronizedLyricsTimestampFormat, type SynchronizedLyricsType } from "browser-id3-writer";
import type { Lyrics } from "../../../domain/lyrics";
import type { Language } from "../../../domain/values";
import type { LineTiming } from "../pipeline/contract";

const iso6392: Record<Language, string> = { fr: "fra", en: "eng" };
// The package declares these as const enums, which a module compiled on its own cannot read.
const LYRICS = 1 as SynchronizedLyricsType;
const MILLISECONDS = 2 as SynchronizedLyricsTimestampFormat;

export function tagMp3(
  mp3: Uint8Array,
  song: { lyrics: Lyrics | null; timings: readonly LineTiming[]; language: Language },
): Uint8Array {
  const whole = mp3.byteOffset === 0 && mp3.byteLength === mp3.buffer.byteLength;
  const writer = new ID3Writer(whole ? mp3.buffer : mp3.slice().buffer);
  writer.setFrame("TPE1", ["Refrain"]);
  if (song.lyrics?.title) writer.setFrame("TIT2", song.lyrics.title);
  // The lines this take sings, in singing order (a chorus sung twice is there twice).
  const sung = [...song.timings]
    .sort((a, b) => a.startSec - b.startSec)
    .flatMap((t) => {
      const text = song.lyrics?.sections[t.section]?.lines[t.line];
      return text === undefined ? [] : [[text, Math.round(t.startSec * 1000)] as const];
    });
  if (sung.length > 0) {
    const language = iso6392[song.language];
    writer.setFrame("TLAN", language);
    writer.setFrame("USLT", { description: "", language, lyrics: sung.map(([text]) => text).join("\n") });
    writer.setFrame("SYLT", {
      type: LYRICS,
      text: sung,
      timestampFormat: MILLISECONDS,
      language,
    });
  }
  return new Uint8Array(writer.addTag());
}
