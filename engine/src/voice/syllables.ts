// From espeak's phoneme events to sung syllables: a vowel nucleus with the consonants around it.
// Syllables are counted from what espeak actually says (French mute e's it drops, English reductions),
// not from the spelling.
import type { PhonemeEvent } from "./protocol";

export interface Phone {
  ipa: string;
  /** Seconds into espeak's audio. */
  start: number;
  end: number;
  /** espeak's 1-based code point position of the word the phone belongs to. */
  word: number;
}

export interface Syllable {
  onset: Phone[];
  nucleus: Phone;
  coda: Phone[];
  /** True when the nucleus moves between two targets (eɪ, aɪ, ɪɹ…): it is held near its start. */
  gliding: boolean;
}

const VOWELS = new Set("aeiouyɑɐɒæɛɜɝəɘɚɪʏʊøœɔɤʌɯɵɶɨʉɞᵻ");
// When a line has no vowel at all ("hmm"), its sonorants carry the notes.
const SONORANTS = new Set("mnŋɲlɹrʁɾ");
const LIQUIDS_AND_GLIDES = new Set("lʁɹrjwɥ");
const PLOSIVES_AND_FRICATIVES = new Set("pbtdkgɡfv");
const SYLLABIC = "\u0329";
// Stress, length, nasality and espeak's own markers, which do not change what a phone is.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the combining tilde and syllabic mark are matched alone, as espeak writes them.
const MODIFIERS = /[ˈˌːˑ\u0303\u0329-]/gu;

function base(ipa: string): string {
  return ipa.replace(MODIFIERS, "");
}

const isVowel = (phone: Phone) => VOWELS.has(base(phone.ipa)[0] ?? "") || phone.ipa.includes(SYLLABIC);
const isSonorant = (phone: Phone) => SONORANTS.has(base(phone.ipa)[0] ?? "");

/** Phones with their extents; pauses and language switches ("(en)") only end the phone before them. */
export function phonesFromEvents(events: readonly PhonemeEvent[], audioSec: number): Phone[] {
  const phones: Phone[] = [];
  events.forEach((event, i) => {
    if (event.ipa === "" || /^\(.*\)$/u.test(event.ipa)) return;
    const start = event.ms / 1000;
    const end = Math.min(audioSec, (events[i + 1]?.ms ?? audioSec * 1000) / 1000);
    if (end > start) phones.push({ ipa: event.ipa, start, end, word: event.textPosition });
  });
  return phones;
}

/**
 * @param linking French links a word's last consonant to a next word that starts with a vowel
 * ("joyeux‿anniversaire" is sung "jo-yeu-zan-ni-ver-saire").
 */
export function syllabify(phones: readonly Phone[], linking: boolean): Syllable[] {
  let nuclei = phones.flatMap((phone, i) => (isVowel(phone) ? [i] : []));
  if (nuclei.length === 0) nuclei = phones.flatMap((phone, i) => (isSonorant(phone) ? [i] : []));
  return nuclei.map((index, k) => {
    const previous = nuclei[k - 1];
    const next = nuclei[k + 1];
    const nucleus = phones[index]!;
    return {
      onset:
        previous === undefined
          ? phones.slice(0, index)
          : phones.slice(
              index - onsetLength(phones.slice(previous + 1, index), phones[previous]!, nucleus, linking),
              index,
            ),
      nucleus,
      coda:
        next === undefined
          ? phones.slice(index + 1)
          : phones.slice(index + 1, next - onsetLength(phones.slice(index + 1, next), nucleus, phones[next]!, linking)),
      gliding: base(nucleus.ipa).length > 1,
    };
  });
}

// How many of the consonants between two vowels begin the second syllable: those of its own word
// when the vowels belong to different words (or, when linking, the last consonant before a word that
// has none), else the longest plausible onset (one consonant, or an
// obstruent followed by a liquid or glide, as in "tr", "pl", "bj").
function onsetLength(between: readonly Phone[], previous: Phone, nucleus: Phone, linking: boolean): number {
  if (previous.word !== nucleus.word) {
    let ownWord = 0;
    while (ownWord < between.length && between[between.length - 1 - ownWord]!.word === nucleus.word) ownWord++;
    return ownWord === 0 && linking ? Math.min(1, between.length) : ownWord;
  }
  if (between.length <= 1) return between.length;
  const last = base(between[between.length - 1]!.ipa)[0] ?? "";
  const beforeLast = base(between[between.length - 2]!.ipa)[0] ?? "";
  return LIQUIDS_AND_GLIDES.has(last) && PLOSIVES_AND_FRICATIVES.has(beforeLast) ? 2 : 1;
}
