import type { Language } from "../values";

// Numbers as a song sings them: in words, so that every syllable has its note and the lyrics shown are the
// words sung ("trente ans", not "30 ans"). Ages only: 1 to 120.

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
  return n === 100 ? "cent" : `cent ${french(n - 100)}`;
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
  return n === 100 ? "a hundred" : `a hundred and ${english(n - 100)}`;
}

/** An age in words, or null outside 1–120. */
export function ageInWords(age: number, language: Language): string | null {
  if (!Number.isInteger(age) || age < 1 || age > 120) return null;
  return language === "fr" ? french(age) : english(age);
}
