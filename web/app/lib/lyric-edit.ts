interface Section {
  kind: string;
  lines: string[];
}

const sameSection = (a: Section, b: Section) =>
  a.kind === b.kind && a.lines.length === b.lines.length && a.lines.every((line, i) => line === b.lines[i]);

/**
 * The lyrics with one line changed. A chorus comes back the same each time it is sung: a line changed in a
 * section changes in the later sections that were the same section until then. A line changed in a later
 * repeat changes there only (a last chorus of the person's own), and a repeat already made different stays.
 */
export function withLine<L extends { sections: Section[] }>(lyrics: L, section: number, line: number, text: string): L {
  const edited = lyrics.sections[section];
  if (!edited) return lyrics;
  return {
    ...lyrics,
    sections: lyrics.sections.map((s, i) =>
      i === section || (i > section && sameSection(s, edited))
        ? { ...s, lines: s.lines.map((l, j) => (j === line ? text : l)) }
        : s,
    ),
  };
}
