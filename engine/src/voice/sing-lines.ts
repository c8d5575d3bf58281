// The built-in singer's work: espeak says each lyric line in a monotone, then every syllable is retimed
// onto its notes and pitched by TD-PSOLA. It runs on the singer thread (see singer-thread.ts); espeak
// runs in its own process (see espeak-process.ts).

import { alignSyllables, type LineText, lineText } from "./align";
import { findPitchMarks } from "./analysis";
import type { Sing, SingRequest, SungNote } from "./contract";
import { synthesize } from "./espeak-client";
import { layoutLine, pitchContour } from "./layout";
import type { Synthesis, SynthesisParams } from "./protocol";
import { type RenderedLine, renderLine } from "./psola";
import { resample } from "./resample";
import { phonesFromEvents, syllabify } from "./syllables";
import { espeakPitch, espeakVoice } from "./voices";

// The mix sets the vocal's level; a fixed peak (-1 dBFS) makes what it receives predictable.
const PEAK = 10 ** (-1 / 20);
// espeak's words per minute for a line, from its notes' mean length: short notes need brisk consonants,
// long ones can afford relaxed ones.
const RATE_PER_NOTE_SEC = 35;
const MIN_RATE = 140;
const MAX_RATE = 260;

interface LinePlan {
  notes: SungNote[];
  text: LineText;
  linking: boolean;
  params: SynthesisParams;
  expectedHz: number;
}

/** Sings on the calling thread, with espeak in its own process. */
export const singLines: Sing = async (request, signal) => {
  signal?.throwIfAborted();
  validate(request);
  const { sampleRate } = request;
  // Shared memory: once mixed, the vocal's buffer is where the master is written, for the MP3 thread to read.
  const output = new Float32Array(new SharedArrayBuffer(Math.round(request.durationSec * sampleRate) * 4));
  // A line recurs (a chorus sung again) with the same words on the same notes: espeak says it once and
  // it is shaped once, then laid again wherever it recurs. Lines are shaped on their own clock, from
  // their first note's sample, so a recurrence is the same samples moved by whole samples.
  const said = new Map<string, Promise<Synthesis>>();
  const say = (params: SynthesisParams) => {
    const key = JSON.stringify(params);
    let synthesis = said.get(key);
    if (!synthesis) {
      synthesis = synthesize(params, signal);
      // Rejections are taken where the synthesis is awaited; a recurrence must not leave one unhandled.
      synthesis.catch(() => undefined);
      said.set(key, synthesis);
    }
    return synthesis;
  };
  const placed = lines(request).map((notes) => onOwnClock(notes, sampleRate));
  const plans = placed.map(({ notes }) => plan(notes, request, lineText(notes.map((note) => note.syllable))));
  // The espeak process works through every line while this thread shapes the ones already said.
  const pending = plans.map(async (line) => {
    const synthesis = await say(line.params);
    return (
      (request.language === "fr" ? readInFrench(line, synthesis, request, say) : null) ?? { line, said: synthesis }
    );
  });
  // Rejections are taken in line order below; the later ones must not go unhandled meanwhile.
  for (const promise of pending) promise.catch(() => undefined);
  const shaped = new Map<string, RenderedLine | null>();
  for (const [i, promise] of pending.entries()) {
    const { line, said: synthesis } = await promise;
    const key = JSON.stringify([
      line.params,
      line.notes.map((note) => [note.syllable, note.midi, note.startSec, note.durationSec]),
    ]);
    let rendered = shaped.get(key);
    if (rendered === undefined) {
      rendered = singLine(line, synthesis, sampleRate);
      if (!rendered) {
        // Nothing espeak said could carry a note ("hmm", a line of punctuation): sing it on "la".
        const fallback = plan(line.notes, request, lineText(line.notes.map(() => "la")));
        rendered = singLine(fallback, await say(fallback.params), sampleRate);
      }
      shaped.set(key, rendered);
    }
    signal?.throwIfAborted();
    if (rendered) mixInto(output, rendered, placed[i]!.origin);
  }
  let peak = 0;
  for (const sample of output) peak = Math.max(peak, Math.abs(sample));
  if (peak > 0) for (let n = 0; n < output.length; n++) output[n]! *= PEAK / peak;
  return output;
};

/** A line's notes timed from its first note's sample (`origin`), each on a whole sample. */
function onOwnClock(notes: SungNote[], sampleRate: number): { origin: number; notes: SungNote[] } {
  const origin = Math.round(notes[0]!.startSec * sampleRate);
  return {
    origin,
    notes: notes.map((note) => ({
      ...note,
      startSec: (Math.round(note.startSec * sampleRate) - origin) / sampleRate,
      durationSec: Math.round(note.durationSec * sampleRate) / sampleRate,
    })),
  };
}

/**
 * espeak's French reads some spellings as English words ("Maëlys", "Nathan", "Wendy" switch it to
 * its English voice, marked by a "(en)" phoneme). A name in a French song is read the French way:
 * such words are respelled as French would write their sound, and the line is said again.
 */
function readInFrench(
  line: LinePlan,
  said: Synthesis,
  request: SingRequest,
  say: (params: SynthesisParams) => Promise<Synthesis>,
): Promise<{ line: LinePlan; said: Synthesis }> | null {
  const foreign = foreignWords(said.phonemes);
  if (foreign.size === 0) return null;
  const codePoints = Array.from(line.text.text);
  let word = 0;
  const syllables = line.notes.map((note, k) => {
    const start = line.text.starts[k];
    if (start != null && (start === 1 || codePoints[start - 2] === " ")) word = start;
    return foreign.has(word) ? frenchSpelling(note.syllable) : note.syllable;
  });
  const again = plan(line.notes, request, lineText(syllables));
  return say(again.params).then((redone) => ({ line: again, said: redone }));
}

/** Text positions of the words espeak said in another language than the voice's. */
function foreignWords(phonemes: readonly { ipa: string; textPosition: number }[]): Set<number> {
  const words = new Set<number>();
  let switched = false;
  for (const { ipa, textPosition } of phonemes) {
    const marker = /^\((\w+)\)$/u.exec(ipa);
    if (marker) switched = marker[1] !== "fr";
    else if (switched && ipa) words.add(textPosition);
  }
  return words;
}

/** A syllable respelled the way French writes its sound. */
function frenchSpelling(syllable: string): string {
  return syllable
    .replace(/ys(?=[^\p{L}]*$)/u, "isse")
    .replace(/th/gu, "t")
    .replace(/Th/gu, "T")
    .replace(/ee|ea/gu, "i")
    .replace(/oo/gu, "ou")
    .replace(/sh/gu, "ch")
    .replace(/w/gu, "ou")
    .replace(/W/gu, "Ou")
    .replace(/y/gu, "i")
    .replace(/Y/gu, "I")
    .replace(/ah(?=[^\p{L}]*$)/u, "a");
}

function validate({ sampleRate, durationSec, notes }: SingRequest): void {
  if (!Number.isInteger(sampleRate) || sampleRate < 8000) throw new RangeError(`invalid sample rate ${sampleRate}`);
  if (!Number.isFinite(durationSec) || durationSec < 0) throw new RangeError(`invalid duration ${durationSec}`);
  for (const note of notes) {
    if (![note.midi, note.startSec, note.durationSec, note.line].every(Number.isFinite))
      throw new RangeError(`invalid note ${JSON.stringify(note)}`);
  }
}

/** The notes of each lyric line, in time order; notes that cannot sound within the song are dropped. */
function lines({ notes, durationSec }: SingRequest): SungNote[][] {
  const byLine = new Map<number, SungNote[]>();
  for (const note of notes) {
    if (note.durationSec <= 0 || note.startSec >= durationSec || note.startSec + note.durationSec <= 0) continue;
    const line = byLine.get(note.line);
    if (line) line.push(note);
    else byLine.set(note.line, [note]);
  }
  return [...byLine.values()]
    .map((line) => line.sort((a, b) => a.startSec - b.startSec))
    .sort((a, b) => a[0]!.startSec - b[0]!.startSec);
}

function plan(notes: SungNote[], request: SingRequest, text: LineText): LinePlan {
  const pitches = notes.map((note) => note.midi);
  // Centred on the line's range, so the largest shift either way is as small as it can be.
  const center = (Math.min(...pitches) + Math.max(...pitches)) / 2;
  const { setting, hz } = espeakPitch(request.voice, 440 * 2 ** ((center - 69) / 12));
  const meanNoteSec = notes.reduce((total, note) => total + note.durationSec, 0) / notes.length;
  const rate = Math.round(Math.min(MAX_RATE, Math.max(MIN_RATE, RATE_PER_NOTE_SEC / meanNoteSec)));
  return {
    notes,
    text,
    linking: request.language === "fr",
    params: { text: text.text, voice: espeakVoice(request.language, request.voice), pitch: setting, rate },
    expectedHz: hz,
  };
}

function singLine(line: LinePlan, synthesis: Synthesis, sampleRate: number): RenderedLine | null {
  const audioSec = synthesis.pcm.length / synthesis.sampleRate;
  const units = alignSyllables(syllabify(phonesFromEvents(synthesis.phonemes, audioSec), line.linking), line.text);
  if (units.length === 0) return null;
  const segments = layoutLine(line.notes, units);
  const pcm = new Float32Array(synthesis.pcm.length);
  for (let i = 0; i < pcm.length; i++) pcm[i] = synthesis.pcm[i]! / 32768;
  const marks = findPitchMarks(pcm, synthesis.sampleRate, line.expectedHz);
  const ratio = sampleRate / synthesis.sampleRate;
  return renderLine(
    resample(pcm, synthesis.sampleRate, sampleRate),
    { positions: marks.positions.map((position) => position * ratio), lastInRun: marks.lastInRun },
    segments,
    pitchContour(line.notes, segments),
    sampleRate,
  );
}

function mixInto(output: Float32Array, { offset: lineOffset, samples }: RenderedLine, origin: number): void {
  const offset = origin + lineOffset;
  const from = Math.max(0, -offset);
  const to = Math.min(samples.length, output.length - offset);
  for (let i = from; i < to; i++) output[offset + i]! += samples[i]!;
}
