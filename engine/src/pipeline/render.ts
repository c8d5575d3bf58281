import { composeLyrics } from "../../../domain/builtin-lyrics/compose";
import type { Lyrics, SongContext } from "../../../domain/lyrics";
import { arrange } from "../arranger/arrange";
import { styles } from "../arranger/styles";
import type { Arrangement } from "../arranger/types";
import { tagMp3 } from "../audio/id3";
import { type Mastered, master, sharedChannel } from "../audio/master";
import { type MixOptions, mixSong, type PreparedVocal, prepareVocal } from "../audio/mix";
import { Mp3Stream } from "../audio/mp3";
import { warmMp3Thread } from "../audio/mp3-threads";
import { findGaps } from "../audio/silence";
import { encodeWav } from "../audio/wav";
import { generateBand } from "../generators/band";
import type { SectionGenerator } from "../generators/contract";
import { generatorFromEnv } from "../generators/from-env";
import { closeBandThreads } from "../synth/band-threads";
import { abortError, type BandStems, prepareBand, renderBand } from "../synth/render";
import type { Sing } from "../voice/contract";
import { sing as builtinSing, closeSinger, warmSinger } from "../voice/sing";
import {
  type AudioFormat,
  audioFormats,
  type RenderOptions,
  type RenderRequest,
  type RenderResult,
  type RenderSong,
  type RenderStage,
} from "./contract";

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
  return async <F extends AudioFormat = AudioFormat>(
    request: RenderRequest,
    options: RenderOptions<F> = {},
  ): Promise<RenderResult<F>> => {
    const { signal } = options;
    const stage = (name: RenderStage, fraction: number) => {
      if (signal?.aborted) throw abortError();
      options.onProgress?.(name, fraction);
    };

    if (!generator) prepareBand();
    const formats = new Set<AudioFormat>(options.formats ?? audioFormats);
    // The built-in singer's thread and espeak process start while the lyrics and the arrangement are made.
    if (!dependencies.sing && request.vocal !== "instrumental" && !generator?.singsLyrics) warmSinger();
    stage("lyrics", 0);
    const lyrics = await resolveLyrics(request, writeLyrics);
    stage("lyrics", 1);

    stage("arrangement", 0);
    const arrangement = arrange(request, lyrics);
    stage("arrangement", 1);

    // The singer (its own thread, with espeak in its own process) works while the band renders on the
    // band threads; the vocal's own mix processing follows as soon as it is sung.
    // A generator that sings (ACE-Step) already carries the voice in its band.
    const voiced = request.vocal !== "instrumental" && arrangement.sung.length > 0 && !generator?.singsLyrics;
    const levels = arrangement.sections.map((s) => ({ startSec: s.startSec, gainDb: levelDb[s.level] }));
    const length = Math.round(arrangement.durationSec * sampleRate);
    let vocal: Promise<PreparedVocal> | null = voiced
      ? sing(
          {
            language: request.language,
            voice: request.vocal === "male" ? "male" : "female",
            sampleRate,
            durationSec: arrangement.durationSec,
            notes: arrangement.sung,
          },
          signal,
        ).then((sung) => prepareVocal(fitLength(sung, length), { sampleRate, levels }))
      : null;
    vocal?.catch(() => undefined);
    // A process that renders this song only lets the singer thread and espeak go once the vocal is back.
    const singerClosed = options.lastSong && vocal && !dependencies.sing ? vocal.then(closeSinger, closeSinger) : null;
    singerClosed?.catch(() => undefined);

    stage("band", 0);
    const onBandProgress = (f: number) => options.onProgress?.("band", f);
    // The band's stems, the vocal and the mix are held by nothing once this call returns: only the
    // master stays in memory, and the MP3 is encoded as it is written. The vocal is handed over, not
    // kept here, so that it is freed as soon as it is in the mix.
    const { mastered, files } = await mixMasterAndEncode(
      await (generator
        ? generateBand(generator, request, arrangement, { signal, onProgress: onBandProgress })
        : renderBand(arrangement, { sampleRate, signal, onProgress: onBandProgress }).finally(
            // The band threads' memory (about 35 MiB from a 120 s song's peak) goes to the rest of the song.
            () => options.lastSong && closeBandThreads(),
          )),
      () => {
        const taken = vocal;
        vocal = null;
        return taken;
      },
      arrangement,
      levels,
      formats,
      stage,
    );
    await singerClosed;
    if (files.mp3)
      files.mp3 = tagMp3(files.mp3, {
        lyrics: arrangement.lyrics,
        timings: arrangement.lines,
        language: request.language,
      });

    return {
      ...(files as { [K in F]: Uint8Array }),
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

async function mixMasterAndEncode(
  band: BandStems,
  takeVocal: () => Promise<PreparedVocal> | null,
  arrangement: Arrangement,
  levels: MixOptions["levels"],
  formats: ReadonlySet<AudioFormat>,
  stage: (name: RenderStage, fraction: number) => void,
): Promise<{ mastered: Mastered; files: Partial<Record<AudioFormat, Uint8Array>> }> {
  stage("band", 1);
  // Started now rather than with the song: it is ready by the time the master is written, and its
  // memory is not added to the band's (a new process's MP3 thread is some 15 MiB).
  if (formats.has("mp3")) warmMp3Thread();
  stage("vocals", 0);
  let voice: PreparedVocal | null = await takeVocal();
  stage("vocals", 1);

  stage("mix", 0);
  const mixed = mixSong(band, voice, {
    sampleRate,
    reverbAmount: styles[arrangement.style].reverb,
    fadeFromSec: arrangement.durationSec - fadeSec,
    levels,
  });
  stage("mix", 1);

  stage("master", 0);
  // The master is written over what the mix has spent (the band's reverb send, the vocal) where other
  // threads can read it, else into fresh shared memory; the MP3 thread encodes its first part as the
  // limiter writes it.
  const length = mixed.channels[0].length;
  const spent = [band.send, voice?.samples].filter(
    (x): x is Float32Array => x?.buffer instanceof SharedArrayBuffer && x.length === length,
  );
  // Mixed: the vocal's memory is left to the master or to the collector.
  voice = null;
  const into: [Float32Array, Float32Array] = [spent[0] ?? sharedChannel(length), spent[1] ?? sharedChannel(length)];
  const mp3 = formats.has("mp3") ? await Mp3Stream.start(into, sampleRate, 192) : null;
  try {
    const mastered = master(mixed.channels, {
      sampleRate,
      inputLufs: mixed.loudnessLufs,
      targetLufs: -14,
      maxTruePeakDbtp: -1,
      into,
      onWritten: mp3 ? (pass, frames) => mp3.written(pass, frames) : undefined,
    });
    const expected = Math.round(arrangement.durationSec * sampleRate);
    if (length !== expected) throw new Error(`the song is ${length} frames long instead of ${expected}`);
    // Every bar carries a sustained chord, so a hole in the song is a bug: never deliver one.
    const gaps = findGaps(mastered.channels, { sampleRate, untilSec: arrangement.durationSec - fadeSec });
    if (gaps.length > 0)
      throw new Error(`the mix has ${gaps.length} silent stretch(es), the first at ${gaps[0]!.startSec.toFixed(1)} s`);
    stage("master", 1);

    stage("encode", 0);
    const files: Partial<Record<AudioFormat, Uint8Array>> = {};
    // The mix is spent once mastered: the WAV is written over it.
    if (formats.has("wav")) files.wav = encodeWav(mastered.channels, sampleRate, mixed.channels[0]);
    stage("encode", 0.2);
    if (mp3) files.mp3 = await mp3.finish(mastered.channels);
    stage("encode", 1);
    return { mastered, files };
  } finally {
    mp3?.abandon();
  }
}

async function resolveLyrics(
  request: RenderRequest,
  writeLyrics: (context: SongContext) => Promise<Lyrics>,
): Promise<Lyrics | null> {
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
