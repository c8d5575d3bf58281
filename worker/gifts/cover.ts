// The Open Graph image of a gift page: "A song for" / "Une chanson pour", the recipient's name as large as it
// fits, the song's title if it has one, and the brand, on colours drawn from the name. A song for no one in
// particular shows its title alone, as large as the name would be.
//
// SVG rasterised by resvg compiled to WebAssembly. Workers have no system fonts, so the two fonts travel with
// the code and are handed to resvg on every render.
//
// Import forms: `.wasm` and `.bin` are the extensions that wrangler's bundler, the Cloudflare Vite plugin and
// @cloudflare/vitest-plugin all load on their own, as a WebAssembly.Module and an ArrayBuffer (workerd may
// not compile WebAssembly from bytes at run time, so the module has to arrive compiled). None of them takes
// `.ttf` without extra configuration, and the Vite plugin takes no custom module rules at all: hence the fonts
// are copies of the npm packages' TTF files named `.ttf.bin` (scripts/gift-fonts.mjs).
import { initWasm, Resvg, type ResvgRenderOptions } from "@resvg/resvg-wasm";
import resvgWasm from "@resvg/resvg-wasm/index_bg.wasm";
import { FontMetrics } from "./font-metrics";
import dmSansFile from "./fonts/dm-sans-500.ttf.bin";
import frauncesFile from "./fonts/fraunces-700.ttf.bin";
import { cleanText, escapeXml, fitLine, hashText, layoutName } from "./text";

/** `name` is who the song is for; a song for no one in particular has its title drawn in its place, never "A song for <title>". */
export type GiftCoverInput = { name: string | null; locale: "fr" | "en"; title?: string | null };

export const COVER_WIDTH = 1200;
export const COVER_HEIGHT = 630;

const HEADLINES: Record<GiftCoverInput["locale"], string> = { fr: "Une chanson pour", en: "A song for" };
// French sets its quotes apart with a narrow no-break space.
const QUOTES: Record<GiftCoverInput["locale"], (text: string) => string> = {
  fr: (text) => `«\u202f${text}\u202f»`,
  en: (text) => `“${text}”`,
};

const NAME_FONT = { family: "Fraunces", weight: 700 };
const TEXT_FONT = { family: "DM Sans", weight: 500 };
const MAX_NAME_GRAPHEMES = 60;
const MAX_TITLE_GRAPHEMES = 90;
const SIDE_MARGIN = 90;
const TEXT_WIDTH = COVER_WIDTH - 2 * SIDE_MARGIN;
// Headline, name and title are centred together between these two lines; the brand sits below.
const BLOCK_TOP = 40;
const BLOCK_BOTTOM = 520;
const HEADLINE_SIZE = 40;
const HEADLINE_BOX = 48;
const TITLE_MAX_SIZE = 34;
const TITLE_MIN_SIZE = 24;
const GAP = 24;
const NAME_LINE_HEIGHT = 1.12;
// Where a name line's baseline falls in its box, as a share of the font size: room for accents on capitals.
const NAME_BASELINE = 0.86;
const BRAND_BASELINE = 588;
const BRAND_SIZE = 34;

const fontBytes = { name: new Uint8Array(frauncesFile), text: new Uint8Array(dmSansFile) };
let metrics: { name: FontMetrics; text: FontMetrics } | undefined;
const fontMetrics = () =>
  (metrics ??= { name: new FontMetrics(fontBytes.name), text: new FontMetrics(fontBytes.text) });

const renderOptions: ResvgRenderOptions = {
  fitTo: { mode: "original" },
  font: { fontBuffers: [fontBytes.name, fontBytes.text], defaultFontFamily: TEXT_FONT.family },
};

let ready: Promise<void> | undefined;
function resvgReady(): Promise<void> {
  ready ??= initWasm(resvgWasm).catch((error: unknown) => {
    // resvg's glue refuses a second initialisation; a re-evaluated copy of this module (Vite's dev server)
    // meets an instance that is already set up.
    if (error instanceof Error && error.message.startsWith("Already initialized")) return;
    throw error;
  });
  return ready;
}

/** The cover as PNG bytes, 1200×630. */
export async function renderGiftCover(input: GiftCoverInput): Promise<Uint8Array> {
  await resvgReady();
  const svg = coverSvg(input);
  const resvg = new Resvg(svg, renderOptions);
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** What the cover says, top to bottom: the headline and the title only when the song is for someone. */
export function coverWords(input: GiftCoverInput): { headline: string | null; name: string; title: string | null } {
  const recipient = input.name ? cleanText(input.name, MAX_NAME_GRAPHEMES) : "";
  const title = input.title ? cleanText(input.title, MAX_TITLE_GRAPHEMES) : "";
  if (!recipient) return { headline: null, name: title, title: null };
  return { headline: HEADLINES[input.locale], name: recipient, title: title || null };
}

/** The SVG behind the cover; resvg must be initialised (the name's width is checked with it). */
function coverSvg(input: GiftCoverInput): string {
  const fonts = fontMetrics();
  const { headline, name, title } = coverWords(input);
  const fittedTitle = title
    ? fitLine(
        title,
        fonts.text,
        { maxWidth: TEXT_WIDTH, maxSize: TITLE_MAX_SIZE, minSize: TITLE_MIN_SIZE },
        QUOTES[input.locale],
      )
    : undefined;
  const titleBox = fittedTitle ? GAP + fittedTitle.fontSize * 1.3 : 0;
  const headlineBox = headline ? HEADLINE_BOX + GAP : 0;

  const nameRoom = BLOCK_BOTTOM - BLOCK_TOP - headlineBox - titleBox - 2 * GAP;
  const layout = layoutName(name, fonts.name, {
    maxWidth: TEXT_WIDTH,
    maxHeight: nameRoom,
    maxFontSize: 150,
    lineHeight: NAME_LINE_HEIGHT,
    maxLines: 3,
  });
  const nameSize = Math.min(layout.fontSize, inkLimitedSize(layout.lines));
  const nameBox = layout.lines.length * nameSize * NAME_LINE_HEIGHT;

  const blockHeight = headlineBox + nameBox + titleBox;
  const top = BLOCK_TOP + (BLOCK_BOTTOM - BLOCK_TOP - blockHeight) / 2;
  const centre = COVER_WIDTH / 2;
  const parts = [background(name)];
  if (headline)
    parts.push(
      text(
        headline,
        centre,
        top + HEADLINE_SIZE * 0.95,
        HEADLINE_SIZE,
        TEXT_FONT,
        'fill="#ffffff" fill-opacity="0.85" letter-spacing="0.5"',
      ),
    );
  const nameTop = top + headlineBox;
  layout.lines.forEach((line, i) => {
    const baseline = nameTop + nameSize * (NAME_BASELINE + i * NAME_LINE_HEIGHT);
    parts.push(text(line, centre, baseline, nameSize, NAME_FONT, 'fill="#ffffff"'));
  });
  if (fittedTitle) {
    const baseline = nameTop + nameBox + GAP + fittedTitle.fontSize;
    parts.push(
      text(fittedTitle.text, centre, baseline, fittedTitle.fontSize, TEXT_FONT, 'fill="#ffffff" fill-opacity="0.8"'),
    );
  }
  parts.push(brand());
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}">${parts.join("")}</svg>`;
}

function text(
  content: string,
  x: number,
  y: number,
  size: number,
  font: { family: string; weight: number },
  paint: string,
): string {
  return `<text x="${x}" y="${round(y)}" text-anchor="middle" font-family="${font.family}" font-weight="${font.weight}" font-size="${round(size)}" ${paint}>${escapeXml(content)}</text>`;
}

/**
 * The font size at which the name's lines, as resvg really draws them (kerning, glyph overhangs), are
 * exactly as wide as the text area. The layout's widths leave kerning out.
 */
function inkLimitedSize(lines: string[]): number {
  if (lines.length === 0) return Number.POSITIVE_INFINITY;
  const reference = 100;
  const body = lines
    .map((line, i) => text(line, COVER_WIDTH / 2, reference * (1 + i * NAME_LINE_HEIGHT), reference, NAME_FONT, ""))
    .join("");
  const probe = new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}">${body}</svg>`,
    renderOptions,
  );
  try {
    const box = probe.getBBox();
    const width = box?.width ?? 0;
    box?.free();
    return width > 0 ? (reference * TEXT_WIDTH) / width : Number.POSITIVE_INFINITY;
  } finally {
    probe.free();
  }
}

/** A diagonal gradient, two soft glows and a few rings like ripples of sound, all placed by the name's hash. */
function background(name: string): string {
  const hash = hashText(name);
  // From green round to crimson: the gradient's second stop is 38° further on, and oranges and yellows at this
  // darkness turn brown and olive.
  const hue = 100 + (hash % 250);
  const bits = (shift: number, range: number) => (((hash >>> shift) & 0xff) / 255) * range;
  const glowA = { x: 120 + bits(8, 260), y: 80 + bits(16, 160) };
  const glowB = { x: 820 + bits(12, 300), y: 380 + bits(20, 200) };
  const rings = { x: bits(4, 1) > 0.5 ? 1060 + bits(24, 120) : 140 - bits(24, 120), y: 520 + bits(6, 90) };
  const ringPaths = [150, 230, 310, 390, 470]
    .map(
      (r, i) =>
        `<circle cx="${round(rings.x)}" cy="${round(rings.y)}" r="${r}" fill="none" stroke="#ffffff" stroke-opacity="${(0.09 - i * 0.015).toFixed(3)}" stroke-width="2"/>`,
    )
    .join("");
  return (
    `<defs>` +
    `<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${hsl(hue, 0.62, 0.2)}"/><stop offset="1" stop-color="${hsl(hue + 38, 0.66, 0.33)}"/></linearGradient>` +
    `<radialGradient id="ga"><stop offset="0" stop-color="${hsl(hue + 24, 0.9, 0.6)}" stop-opacity="0.38"/><stop offset="1" stop-color="${hsl(hue + 24, 0.9, 0.6)}" stop-opacity="0"/></radialGradient>` +
    `<radialGradient id="gb"><stop offset="0" stop-color="${hsl(hue - 32, 0.85, 0.55)}" stop-opacity="0.3"/><stop offset="1" stop-color="${hsl(hue - 32, 0.85, 0.55)}" stop-opacity="0"/></radialGradient>` +
    `</defs>` +
    `<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="url(#bg)"/>` +
    `<circle cx="${round(glowA.x)}" cy="${round(glowA.y)}" r="430" fill="url(#ga)"/>` +
    `<circle cx="${round(glowB.x)}" cy="${round(glowB.y)}" r="360" fill="url(#gb)"/>` +
    ringPaths
  );
}

/** "Refrain" after a small equaliser mark, centred at the bottom. */
function brand(): string {
  const word = "Refrain";
  const spacing = 1.5;
  const wordWidth = fontMetrics().name.width(word, BRAND_SIZE, spacing);
  const bars = [14, 26, 20, 30, 16];
  const barWidth = 5;
  const barGap = 4;
  const markWidth = bars.length * barWidth + (bars.length - 1) * barGap;
  const left = (COVER_WIDTH - (markWidth + 14 + wordWidth)) / 2;
  const mark = bars
    .map(
      (h, i) =>
        `<rect x="${round(left + i * (barWidth + barGap))}" y="${BRAND_BASELINE - h}" width="${barWidth}" height="${h}" rx="2.5" fill="#ffffff"/>`,
    )
    .join("");
  return `<g>${mark}<text x="${round(left + markWidth + 14)}" y="${BRAND_BASELINE}" font-family="${NAME_FONT.family}" font-weight="${NAME_FONT.weight}" font-size="${BRAND_SIZE}" letter-spacing="${spacing}" fill="#ffffff">${word}</text></g>`;
}

function hsl(hue: number, saturation: number, lightness: number): string {
  const h = (((hue % 360) + 360) % 360) / 30;
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + h) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

const round = (n: number) => Math.round(n * 10) / 10;
