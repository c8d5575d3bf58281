import type { Language } from "./values";

// Numbers as a song sings them: in words, so that every syllable has its note and the lyrics shown are the
// words sung ("trente ans", not "30 ans"; "en deux mille quinze", not "en 2015"): 0 to 999, and years.

const frUnits = [
  "zéro",
  "un",
  "deux",
  "trois",
  "quatre",
  "cinq",
  "six",
  "sept",
  "huit",
  "neuf",
  "dix",
  "onze",
  "douze",
  "treize",
  "quatorze",
  "quinze",
  "seize",
];
const frTens = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"];

function french(n: number): string {
  if (n >= 1000) {
    const rest = n % 1000;
    const thousands = n < 2000 ? "mille" : `${french(Math.floor(n / 1000))} mille`;
    return rest ? `${thousands} ${french(rest)}` : thousands;
  }
  if (n > 100) {
    const hundreds = Math.floor(n / 100);
    const rest = n % 100;
    const head = hundreds === 1 ? "cent" : `${frUnits[hundreds]} cent`;
    return rest ? `${head} ${french(rest)}` : `${head}s`;
  }
  if (n < 17) return frUnits[n]!;
  if (n < 20) return `dix-${frUnits[n - 10]}`;
  if (n < 70) {
    const tens = frTens[Math.floor(n / 10)]!;
    const unit = n % 10;
    return unit === 0 ? tens : unit === 1 ? `${tens} et un` : `${tens}-${frUnits[unit]}`;
  }
  if (n < 80) return n === 71 ? "soixante et onze" : `soixante-${french(n - 60)}`;
  if (n === 80) return "quatre-vingts";
  if (n < 100) return `quatre-vingt-${french(n - 80)}`;
  return "cent";
}

const enUnits = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const enTens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

function english(n: number): string {
  if (n < 20) return enUnits[n]!;
  if (n < 100) return n % 10 === 0 ? enTens[n / 10]! : `${enTens[Math.floor(n / 10)]}-${enUnits[n % 10]}`;
  const hundreds = Math.floor(n / 100);
  const head = `${hundreds === 1 ? "a" : enUnits[hundreds]} hundred`;
  return n % 100 ? `${head} and ${english(n % 100)}` : head;
}

/** A year as people say it: "nineteen ninety", "two thousand and five", "twenty fifteen". */
function englishYear(year: number): string {
  const rest = year % 100;
  if (year >= 2000 && year < 2010) return rest ? `two thousand and ${english(rest)}` : "two thousand";
  const century = english(Math.floor(year / 100));
  return rest === 0
    ? `${century} hundred`
    : rest < 10
      ? `${century} oh ${english(rest)}`
      : `${century} ${english(rest)}`;
}

const isYear = (n: number) => n >= 1900 && n <= 2099;

/** A number in words: 0 to 999, and the years 1900–2099; null for any other. */
export function numberInWords(n: number, language: Language): string | null {
  if (!Number.isInteger(n) || n < 0 || (n > 999 && !isYear(n))) return null;
  if (language === "fr") return french(n);
  return isYear(n) ? englishYear(n) : english(n);
}

/** An age in words, or null outside 1–120. */
export function ageInWords(age: number, language: Language): string | null {
  return Number.isInteger(age) && age >= 1 && age <= 120 ? numberInWords(age, language) : null;
}

/**
 * A person's words with their numbers written as they are sung ("elle a 3 chats" → "elle a trois chats",
 * "we met in 2015" → "we met in twenty fifteen"). Only numbers standing alone: "3am", "10km" or "2,5" stay
 * as written. A French "1" stays too, since "un" or "une" depends on the noun that follows.
 */
export function numbersInWords(text: string, language: Language): string {
  return text.replace(/(?<![\p{L}\p{N}.,])\d{1,4}(?![\p{L}\p{N}]|[.,]\d)/gu, (digits) => {
    const n = Number(digits);
    if (language === "fr" && n === 1) return digits;
    return numberInWords(n, language) ?? digits;
  });
}
