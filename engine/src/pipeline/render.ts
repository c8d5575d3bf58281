import type { Lyrics, SongContext } from "../../../domain/lyrics";
import { composeLyrics } from "../../../domain/builtin-lyrics/compose";
import { arrange } from "../arranger/arrange";
import { styles } from "../arranger/styles";
import type { Arrangement } from "../arranger/types";
import { encodeMp3 } from "../audio/mp3";
import { master } from "../audio/master";
import { mixSong } from "../audio/mix";
import { findGaps } from "../audio/silence";
import { encodeWav } from "../audio/wav";
import { generateBand } from "../generators/band";
import type { SectionGenerator } from "../generators/contract";
import { generatorFromEnv } from "../generators/from-env";
import { abortError, renderBand } from "../synth/render";
import type { Sing } from "../voice/contract";
import { sing as builtinSing } from "../voice/sing";
import type { RenderOptions, RenderRequest, RenderResult, RenderSong, RenderStage } from "./contract";

export const sampleRate = 44100;
/** The final chord fades out over the song's last seconds. */
const fadeSec = 1.5;
/** The band's level per energy level (0 bare … 3 chorus): a verse sits well under a chorus, as played. */
const levelDb = [-9, -7, -5, 0] as const;

export interface RenderDependencies {
  /** The singer (the built-in espeak singer unless replaced, e.g. by a test). */
  sing?: Sing;
  /** Writes lyrics from a context when the request brings none and wants a voice (the built-in writer unless replaced). */
  writeLyrics?: (context: SongContext) => Promise<Lyrics>;
  /** Makes the band section by section (e.g. a GPU model server) instead of the built-in synthesizer. */
  generator?: SectionGenerator;
}

/** A renderSong with its own singer, lyrics writer and, optionally, band generator. */
export function createRenderSong(dependencies: RenderDependencies = {}): RenderSong {
  const sing = dependencies.sing ?? builtinSing;
  const writeLyrics = dependencies.writeLyrics ?? (async (context: SongContext) => composeLyrics(context));
  const { generator } = dependencies;
  return async (request: RenderRequest, options: RenderOptions = {}): Promise<RenderResult> => {
    const { signal } = options;
    const stage = (name: RenderStage, fraction: number) => {
      if (signal?.aborted) throw abortError();
      options.onProgress?.(name, fraction);
    };

    stage("lyrics", 0);
    const lyrics = await resolveLyrics(request, writeLyrics);
    stage("lyrics", 1);

    stage("arrangement", 0);
    const arrangement = arrange(request, lyrics);
    stage("arrangement", 1);

    // The singer works in its own process while this one renders the band.
    // A generator that sings (ACE-Step) already carries the voice in its band.
    const voiced = request.vocal !== "instrumental" && arrangement.sung.length > 0 && !generator?.singsLyrics;
    const vocal = voiced ? sing({ language: request.language, voice: request.vocal === "male" ? "male" : "female", sampleRate, durationSec: arrangement.durationSec, notes: arrangement.sung }, signal) : null;
    vocal?.catch(() => undefined);

    stage("band", 0);
    const onBandProgress = (f: number) => options.onProgress?.("band", f);
    const band = generator
      ? await generateBand(generator, request, arrangement, { signal, onProgress: onBandProgress })
      : await renderBand(arrangement, { sampleRate, signal, onProgress: onBandProgress });
    stage("band", 1);

    stage("vocals", 0);
    const voice = vocal ? fitLength(await vocal, band.melodic[0].length) : null;
    stage("vocals", 1);

    stage("mix", 0);
    const mixed = mixSong(band, voice, {
      sampleRate,
      reverbAmount: styles[arrangement.style].reverb,
      fadeFromSec: arrangement.durationSec - fadeSec,
      levels: arrangement.sections.map((s) => ({ startSec: s.startSec, gainDb: levelDb[s.level] })),
    });
    stage("mix", 1);

    stage("master", 0);
    const mastered = master(mixed, { sampleRate, targetLufs: -14, maxTruePeakDbtp: -1 });
    // Every bar carries a sustained chord, so a hole in the song is a bug: never deliver one.
    const gaps = findGaps(mastered.channels, { sampleRate, untilSec: arrangement.durationSec - fadeSec });
    if (gaps.length > 0) throw new Error(`the mix has ${gaps.length} silent stretch(es), the first at ${gaps[0]!.startSec.toFixed(1)} s`);
    stage("master", 1);

    stage("encode", 0);
    const wav = encodeWav(mastered.channels, sampleRate);
    stage("encode", 0.2);
    const mp3 = await encodeMp3(mastered.channels, sampleRate, 192);
    stage("encode", 1);

    return {
      wav,
      mp3,
      sampleRate,
      durationSeconds: mastered.channels[0].length / sampleRate,
      loudnessLufs: mastered.loudnessLufs,
      truePeakDbtp: mastered.truePeakDbtp,
      lyrics: arrangement.lyrics,
      timings: arrangement.lines,
      style: arrangement.style,
      tempo: arrangement.tempo,
      key: arrangement.keyName,
      sectionStarts: sectionStarts(arrangement),
    };
  };
}

async function resolveLyrics(request: RenderRequest, writeLyrics: (context: SongContext) => Promise<Lyrics>): Promise<Lyrics | null> {
  if (request.lyrics) return request.lyrics;
  if (request.vocal === "instrumental" || !request.context) return null;
  return writeLyrics(request.context);
}

/** The singer promises the song's exact length; a sample more or less must not shift the mix. */
function fitLength(vocal: Float32Array, length: number): Float32Array {
  if (vocal.length === length) return vocal;
  const fitted = new Float32Array(length);
  fitted.set(vocal.subarray(0, length));
  return fitted;
}

function sectionStarts(arrangement: Arrangement): RenderResult["sectionStarts"] {
  return arrangement.sections.map((s) => ({ kind: s.kind, startSec: s.startSec }));
}

/** The engine's renderer: the band from ENGINE_GENERATOR's generator when one is configured, else the built-in synthesizer. */
export const renderSong: RenderSong = createRenderSong({ generator: generatorFromEnv(process.env) });
