// Advance widths straight from a TrueType font's cmap and hmtx tables: line breaking needs the width of many
// candidate lines, and asking resvg for each would parse the SVG and load the fonts every time.
// Kerning is left out: the final size of the name is taken from resvg's own bounding box, so this only has
// to rank the candidate breaks.
export class FontMetrics {
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  private readonly glyphs = new Map<number, number>();
  private readonly advances: number[] = [];
  private readonly fallbackAdvance: number;

  constructor(bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const tables = new Map<string, number>();
    for (let i = 0, count = view.getUint16(4); i < count; i++) {
      const record = 12 + i * 16;
      tables.set(String.fromCharCode(...bytes.subarray(record, record + 4)), view.getUint32(record + 8));
    }
    const table = (tag: string) => {
      const offset = tables.get(tag);
      if (offset === undefined) throw new Error(`font has no ${tag} table`);
      return offset;
    };
    this.unitsPerEm = view.getUint16(table("head") + 18);
    const hhea = table("hhea");
    this.ascender = view.getInt16(hhea + 4);
    this.descender = view.getInt16(hhea + 6);
    const longMetrics = view.getUint16(hhea + 34);
    const hmtx = table("hmtx");
    for (let i = 0; i < longMetrics; i++) this.advances.push(view.getUint16(hmtx + i * 4));
    this.readCmap(view, table("cmap"));
    // Something for a character the font lacks (resvg then draws it from the other font, or not at all).
    this.fallbackAdvance = this.advanceOf("n".codePointAt(0)!) ?? this.unitsPerEm / 2;
  }

  has(codePoint: number): boolean {
    return this.glyphs.has(codePoint);
  }

  /** Width of `text` set at `fontSize` px, without kerning. */
  width(text: string, fontSize: number, letterSpacing = 0): number {
    let units = 0;
    let count = 0;
    for (const char of text) {
      units += this.advanceOf(char.codePointAt(0)!) ?? this.fallbackAdvance;
      count++;
    }
    return (units / this.unitsPerEm) * fontSize + letterSpacing * count;
  }

  private advanceOf(codePoint: number): number | undefined {
    const glyph = this.glyphs.get(codePoint);
    if (glyph === undefined) return undefined;
    // Combining marks sit on the previous letter: whatever hmtx says, they add no width once shaped.
    if (codePoint >= 0x300 && codePoint <= 0x36f) return 0;
    return this.advances[Math.min(glyph, this.advances.length - 1)];
  }

  private readCmap(view: DataView, cmap: number) {
    // Prefer the full-repertoire subtable (format 12) when there is one; Google's fonts have format 4 only.
    let format4: number | undefined;
    let format12: number | undefined;
    for (let i = 0, count = view.getUint16(cmap + 2); i < count; i++) {
      const record = cmap + 4 + i * 8;
      const platform = view.getUint16(record);
      const encoding = view.getUint16(record + 2);
      const offset = cmap + view.getUint32(record + 4);
      const format = view.getUint16(offset);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode) continue;
      if (format === 4) format4 ??= offset;
      if (format === 12) format12 ??= offset;
    }
    if (format12 !== undefined) {
      for (let i = 0, groups = view.getUint32(format12 + 12); i < groups; i++) {
        const group = format12 + 16 + i * 12;
        const start = view.getUint32(group);
        const end = view.getUint32(group + 4);
        const first = view.getUint32(group + 8);
        for (let cp = start; cp <= end; cp++) this.glyphs.set(cp, first + cp - start);
      }
      return;
    }
    if (format4 === undefined) throw new Error("font has no Unicode cmap");
    const segments = view.getUint16(format4 + 6) / 2;
    const ends = format4 + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let s = 0; s < segments; s++) {
      const end = view.getUint16(ends + s * 2);
      const start = view.getUint16(starts + s * 2);
      const delta = view.getInt16(deltas + s * 2);
      const rangeOffset = view.getUint16(rangeOffsets + s * 2);
      for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
        else {
          const at = rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2;
          glyph = view.getUint16(at);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) this.glyphs.set(cp, glyph);
      }
    }
  }
}
