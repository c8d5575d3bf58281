import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { coverWords, renderGiftCover } from "../worker/gifts";
import { FontMetrics } from "../worker/gifts/font-metrics";
import frauncesFile from "../worker/gifts/fonts/fraunces-700.ttf.bin";
import { cleanText, escapeXml } from "../worker/gifts/text";

type Image = { width: number; height: number; bright: (x0: number, y0: number, x1: number, y1: number) => number };

async function cover(
  name: string | null,
  options: { locale?: "fr" | "en"; title?: string | null } = {},
): Promise<{ png: Uint8Array; image: Image }> {
  const png = await renderGiftCover({ name, locale: options.locale ?? "fr", title: options.title ?? null });
  const decoded = decode(png);
  const channels = decoded.channels;
  const data = decoded.data;
  // Text is solid white; the background (gradient, glows at partial opacity, faint rings) never gets near it,
  // and the headline and title are drawn at 80–85 % opacity. So near-white pixels are the name's and the brand's.
  const bright = (x0: number, y0: number, x1: number, y1: number) => {
    let count = 0;
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        const at = (y * decoded.width + x) * channels;
        if (data[at]! >= 245 && data[at + 1]! >= 245 && data[at + 2]! >= 245) count++;
      }
    return count;
  };
  return { png, image: { width: decoded.width, height: decoded.height, bright } };
}

// Between the headline and the brand, across the whole width.
const nameBand = (image: Image) => image.bright(0, 120, 1200, 520);
// Outside the text column (90..1110) by a margin left for glyph overhangs and antialiasing.
const sideMargins = (image: Image) => image.bright(0, 0, 60, 630) + image.bright(1140, 0, 1200, 630);

describe("gift cover", () => {
  it("is a 1200×630 PNG", async () => {
    const { png, image } = await cover("Maëlys", { title: "Joyeux anniversaire" });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe("IHDR");
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
    expect([image.width, image.height]).toEqual([1200, 630]);
  });

  it("draws the name: its pixels are there, and gone when the name is empty", async () => {
    const named = await cover("Maëlys");
    const empty = await cover("");
    expect(nameBand(named.image)).toBeGreaterThan(20_000);
    expect(nameBand(empty.image)).toBe(0);
    // The brand is drawn either way.
    expect(empty.image.bright(0, 540, 1200, 630)).toBeGreaterThan(500);
  });

  it("draws accents from the font rather than dropping them", async () => {
    const plain = nameBand((await cover("Zoe", { locale: "en" })).image);
    const accented = nameBand((await cover("Zoë", { locale: "en" })).image);
    // The diaeresis adds ink; a missing glyph would take the whole "ë" away instead.
    expect(accented).toBeGreaterThan(plain + 200);
    const fraunces = new FontMetrics(new Uint8Array(frauncesFile));
    const letters =
      "àâäáãåæçéèêëíìîïñóòôöõøœúùûüýÿßÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇŒÆąćęłńśźżĄĆĘŁŃŚŹŻčďěňřšťůžČĎĚŇŘŠŤŮŽőűŐŰğışĞİŞāēīōūĀĒĪŌŪđĐăĂșțȘȚơưƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    expect([...letters].filter((c) => !fraunces.has(c.codePointAt(0)!))).toEqual([]);
  });

  it("gives different names different images, and the same name the same image", async () => {
    const zoe = await cover("Zoë", { locale: "en" });
    const francois = await cover("Jean-François", { locale: "en" });
    expect(bytesEqual(zoe.png, francois.png)).toBe(false);
    expect(bytesEqual(zoe.png, (await cover("Zoë", { locale: "en" })).png)).toBe(true);
    // The headline follows the sender's language.
    expect(bytesEqual(zoe.png, (await cover("Zoë", { locale: "fr" })).png)).toBe(false);
  });

  it("keeps very long names and titles inside the image", async () => {
    const cases = [
      "Marie-Thérèse Éléonore Françoise de la Rochefoucauld-Lian",
      "Wœłŵ".repeat(15),
      "Mmmmmmmmmm Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww",
      `${"Anne-Sophie ".repeat(12)}`,
    ];
    for (const name of cases) {
      const { image } = await cover(name, {
        title: "Une chanson bien trop longue pour tenir sur une seule ligne, même en tout petit, vraiment",
      });
      expect(nameBand(image), name).toBeGreaterThan(10_000);
      expect(sideMargins(image), name).toBe(0);
    }
  });

  it("draws markup characters as text", async () => {
    const { image } = await cover(`<b>Léa & "Zoé"</b> 'x'`, { title: "</text><script>" });
    expect(nameBand(image)).toBeGreaterThan(10_000);
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#60;/a&#62;");
  });

  it("draws a song for no one in particular under its title, never as a song for its title", async () => {
    const title = "Happy Birthday, Siobhán";
    for (const locale of ["en", "fr"] as const) {
      const words = coverWords({ name: null, locale, title });
      expect(words).toEqual({ headline: null, name: title, title: null });
      expect(Object.values(words).join(" ")).not.toMatch(/A song for|Une chanson pour/);
    }
    expect(coverWords({ name: "Siobhán", locale: "en", title })).toEqual({
      headline: "A song for",
      name: "Siobhán",
      title,
    });
    // The title takes the name's place, as large: the band is full of it, and it differs from a cover for someone.
    const untitled = await cover(null, { locale: "en", title });
    const forSomeone = await cover("Siobhán", { locale: "en", title });
    expect(nameBand(untitled.image)).toBeGreaterThan(20_000);
    expect(sideMargins(untitled.image)).toBe(0);
    expect(bytesEqual(untitled.png, forSomeone.png)).toBe(false);
    expect(bytesEqual(untitled.png, (await cover(null, { locale: "fr", title })).png)).toBe(true);
  });

  it("cleans names before drawing them", () => {
    expect(cleanText("Zoe\u0308", 60)).toBe("Zoë");
    expect(cleanText("  Jean\n\t François\u202e ", 60)).toBe("Jean François");
    expect(cleanText("a\u0000b\uffff\ud800c", 60)).toBe("a bc");
    expect(cleanText("x".repeat(70), 60)).toBe(`${"x".repeat(59)}…`);
  });
});

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
