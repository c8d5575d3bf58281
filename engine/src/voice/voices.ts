// espeak's voices for each language and singer, and the pitch each 0–99 setting actually produces with
// a flat range (measured with YIN on a sustained "la"; the variants f3 and m3 give the same in French
// and English). Synthesizing near the notes keeps the PSOLA shifts, and their artefacts, small.
import type { Language } from "../../../domain/values";
import type { SingRequest } from "./contract";

type Singer = SingRequest["voice"];

const LANGUAGE_VOICES: Record<Language, string> = { fr: "fr", en: "en-us" };
const VARIANTS: Record<Singer, string> = { female: "f3", male: "m3" };

const PITCH_HZ: Record<Singer, readonly (readonly [setting: number, hz: number])[]> = {
  female: [
    [0, 112.8],
    [20, 133.4],
    [40, 160.8],
    [50, 178.7],
    [60, 198.0],
    [80, 246.0],
    [99, 305.6],
  ],
  male: [
    [0, 55.9],
    [20, 66.7],
    [40, 81.8],
    [50, 90.6],
    [60, 101.8],
    [80, 127.5],
    [99, 159.8],
  ],
};

export function espeakVoice(language: Language, singer: Singer): string {
  return `${LANGUAGE_VOICES[language]}+${VARIANTS[singer]}`;
}

/** The setting closest to `hz` (clamped to what the voice can do) and the pitch it gives. */
export function espeakPitch(singer: Singer, hz: number): { setting: number; hz: number } {
  const table = PITCH_HZ[singer];
  // Settings are interpolated linearly, pitches logarithmically, between the measured points.
  const segment = (inside: (high: readonly [number, number]) => boolean) => {
    let i = 1;
    while (i < table.length - 1 && !inside(table[i]!)) i++;
    return [table[i - 1]!, table[i]!] as const;
  };
  const [a, b] = segment((high) => hz <= high[1]);
  const t = Math.min(1, Math.max(0, Math.log(hz / a[1]) / Math.log(b[1] / a[1])));
  const setting = Math.round(a[0] + t * (b[0] - a[0]));
  const [c, d] = segment((high) => setting <= high[0]);
  return { setting, hz: c[1] * (d[1] / c[1]) ** ((setting - c[0]) / (d[0] - c[0])) };
}
