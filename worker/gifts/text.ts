import type { FontMetrics } from "./font-metrics";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Text as the cover may draw it: composed (fonts carry "ë", not "e" plus a combining diaeresis), on one line,
 * without invisible format characters (a right-to-left override would flip the name), without what XML refuses
 * (control characters, lone surrogates, U+FFFE/U+FFFF), and cut with an ellipsis past `maxGraphemes`.
 */
export function cleanText(raw: string, maxGraphemes: number): string {
  const text = raw
    .normalize("NFC")
    .replace(/[\p{Cs}\p{Cf}\uFFFE\uFFFF]/gu, "")
    .replace(/[\p{Cc}\p{Z}\s]+/gu, " ")
    .trim();
  const parts = splitGraphemes(text);
  if (parts.length <= maxGraphemes) return text;
  return `${parts
    .slice(0, maxGraphemes - 1)
    .join("")
    .trimEnd()}…`;
}

export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 32-bit FNV-1a: a stable number per name, so a name always gets the same colours. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export type NameLayout = { lines: string[]; fontSize: number };

export type NameBox = {
  maxWidth: number;
  maxHeight: number;
  maxFontSize: number;
  lineHeight: number;
  maxLines: number;
};

// More lines only when they buy a clearly bigger name: one line reads better than two of nearly the same size.
const LINE_GAIN = 1.15;
// Below this size, a name with no space or hyphen may also be broken between letters.
const COMFORTABLE_SIZE = 64;

/**
 * Breaks a name into at most `box.maxLines` lines and picks the font size that fits them in the box.
 * Breaks go after a space or a hyphen; a long name without either is cut between letters rather than shrunk
 * to a thread.
 */
export function layoutName(name: string, metrics: FontMetrics, box: NameBox): NameLayout {
  const parts = splitGraphemes(name);
  if (parts.length === 0) return { lines: [], fontSize: box.maxFontSize };
  // Widths at 1 px: a line's width at size s is s times its width here.
  const prefix = [0];
  for (const part of parts) prefix.push(prefix.at(-1)! + metrics.width(part, 1));
  const lineWidth = (from: number, to: number) => {
    let end = to;
    while (end > from && parts[end - 1] === " ") end--;
    return prefix[end]! - prefix[from]!;
  };
  const soft: number[] = [];
  const hard: number[] = [];
  for (let i = 1; i < parts.length; i++) {
    hard.push(i);
    const before = parts[i - 1]!;
    if ((before === " " || /^[-‐‑–—/]$/u.test(before)) && parts[i] !== " ") soft.push(i);
  }

  const sizeFor = (lines: number, widest: number) =>
    Math.min(box.maxFontSize, box.maxWidth / Math.max(widest, 1e-6), box.maxHeight / (lines * box.lineHeight));

  const best = (breaks: number[]) => {
    let chosen: { cuts: number[]; size: number } | undefined;
    for (let lines = 1; lines <= box.maxLines; lines++) {
      const found = bestCuts(breaks, lines - 1, parts.length, lineWidth);
      if (!found) break;
      const size = sizeFor(lines, found.widest);
      if (!chosen || size > chosen.size * LINE_GAIN) chosen = { cuts: found.cuts, size };
    }
    return chosen!;
  };

  let chosen = best(soft);
  if (chosen.size < COMFORTABLE_SIZE) {
    const cut = best(hard);
    if (cut.size > chosen.size * LINE_GAIN) chosen = cut;
  }
  const bounds = [0, ...chosen.cuts, parts.length];
  const lines = bounds.slice(1).map((end, i) => parts.slice(bounds[i], end).join("").trim());
  return { lines, fontSize: chosen.size };
}

/** The `count` cut positions, among `breaks`, that make the widest line as narrow as possible. */
function bestCuts(breaks: number[], count: number, length: number, lineWidth: (from: number, to: number) => number) {
  if (count > breaks.length) return undefined;
  let best: { cuts: number[]; widest: number } | undefined;
  const search = (from: number, start: number, cuts: number[], widest: number) => {
    if (best && widest >= best.widest) return;
    if (cuts.length === count) {
      const last = Math.max(widest, lineWidth(from, length));
      if (!best || last < best.widest) best = { cuts: [...cuts], widest: last };
      return;
    }
    for (let b = start; b <= breaks.length - (count - cuts.length); b++) {
      const at = breaks[b]!;
      cuts.push(at);
      search(at, b + 1, cuts, Math.max(widest, lineWidth(from, at)));
      cuts.pop();
    }
  };
  search(0, 0, [], 0);
  return best;
}

/**
 * `text` at the largest size from `maxSize` down to `minSize` that fits `maxWidth` once `frame`d (quotes),
 * or cut with an ellipsis at `minSize`.
 */
export function fitLine(
  text: string,
  metrics: FontMetrics,
  box: { maxWidth: number; maxSize: number; minSize: number },
  frame: (text: string) => string = (t) => t,
): { text: string; fontSize: number } {
  const natural = metrics.width(frame(text), 1);
  if (natural * box.maxSize <= box.maxWidth) return { text: frame(text), fontSize: box.maxSize };
  if (natural * box.minSize <= box.maxWidth) return { text: frame(text), fontSize: box.maxWidth / natural };
  const parts = splitGraphemes(text);
  const cut = () => frame(`${parts.join("").trimEnd()}…`);
  while (parts.length > 1 && metrics.width(cut(), box.minSize) > box.maxWidth) parts.pop();
  return { text: cut(), fontSize: box.minSize };
}
