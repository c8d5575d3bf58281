// Charts drawn as inline SVG by React: no chart library in the bundle. Each one carries its numbers
// as text (labels, <title> tooltips, an aria-label summary) so it reads without the picture.
import { useLayoutEffect, useRef, useState } from "react";

/**
 * The chart's drawing width, kept equal to the width it is shown at, so that one unit is one pixel and its
 * 13 px labels read at 13 px: drawn 480 wide and shrunk into a 270 px panel, they read at 7.
 */
function useDrawingWidth() {
  const ref = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(480);
  // Measured before the first paint, so that the chart is never shown shrunk; then kept in step with its panel.
  useLayoutEffect(() => {
    const svg = ref.current;
    if (!svg) return;
    const shown = Math.round(svg.getBoundingClientRect().width);
    if (shown > 0) setWidth(Math.max(200, shown));
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(Math.max(200, Math.round(entry.contentRect.width)));
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * One horizontal bar per row, scaled to the largest value (or to `max`), each under its label: a label beside
 * its bar had a third of a phone's panel and was cut ("…servés maintena…"), where above it has the whole width.
 */
export function Bars({
  label,
  rows,
  format,
  max,
}: {
  label: string;
  rows: { name: string; value: number | null }[];
  format: (value: number) => string;
  max?: number;
}) {
  const [ref, width] = useDrawingWidth();
  const top = max ?? Math.max(0, ...rows.map((r) => r.value ?? 0));
  const rowHeight = 40;
  // Room for the value after the longest bar.
  const barWidth = width - 70;
  // About 7.5 px per character at 13 px: a name longer than the whole width is the only one shortened.
  const longest = Math.floor(width / 7.5);
  const summary = rows.map((r) => `${r.name}: ${r.value === null ? "—" : format(r.value)}`).join(", ");
  return (
    <svg
      ref={ref}
      className="chart"
      viewBox={`0 0 ${width} ${Math.max(1, rows.length) * rowHeight}`}
      role="img"
      aria-label={`${label}. ${summary}`}
    >
      {rows.map((r, i) => {
        const length = top > 0 && r.value !== null ? Math.max(1, (r.value / top) * barWidth) : 0;
        const y = i * rowHeight;
        return (
          <g key={r.name}>
            <text x={0} y={y + 14} className="chart-label">
              {r.name.length > longest ? `${r.name.slice(0, longest - 1)}…` : r.name}
            </text>
            <rect x={0} y={y + 20} width={length} height={14} rx={3} className="chart-bar">
              <title>{`${r.name}: ${r.value === null ? "—" : format(r.value)}`}</title>
            </rect>
            <text x={length + 6} y={y + 32} className="chart-value">
              {r.value === null ? "—" : format(r.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Series {
  name: string;
  className: string;
  values: (number | null)[];
}

/** Columns over time, the series stacked; `labels` name each slot (the first, middle and last are printed). */
export function Columns({
  label,
  labels,
  series,
  format,
}: {
  label: string;
  labels: string[];
  series: Series[];
  format: (value: number) => string;
}) {
  const [ref, width] = useDrawingWidth();
  const height = 160;
  const bottom = 22;
  const slots = labels.length;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const top = Math.max(0, ...totals);
  const slotWidth = width / Math.max(1, slots);
  const scale = (v: number) => (top > 0 ? (v / top) * (height - bottom - 14) : 0);
  const summary = series
    .map((s) => `${s.name}: ${format(s.values.reduce<number>((a, v) => a + (v ?? 0), 0))}`)
    .join(", ");
  return (
    <figure className="chart-figure">
      <svg
        ref={ref}
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${label}. ${summary}`}
      >
        <text x={2} y={10} className="chart-value">
          {format(top)}
        </text>
        <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} className="chart-axis" />
        {labels.map((slot, i) => {
          let y = height - bottom;
          return (
            <g key={slot}>
              {series.map((s) => {
                const v = s.values[i] ?? 0;
                const h = scale(v);
                y -= h;
                return h > 0 ? (
                  <rect
                    key={s.name}
                    x={i * slotWidth + 1}
                    y={y}
                    width={Math.max(1, slotWidth - 2)}
                    height={h}
                    className={s.className}
                  >
                    <title>{`${slot} — ${s.name}: ${format(v)}`}</title>
                  </rect>
                ) : null;
              })}
            </g>
          );
        })}
        {[0, Math.floor(slots / 2), slots - 1]
          .filter((i, k, all) => i >= 0 && all.indexOf(i) === k)
          .map((i) => (
            <text
              key={i}
              x={Math.min(width - 2, Math.max(2, i * slotWidth + slotWidth / 2))}
              y={height - 6}
              textAnchor={i === 0 ? "start" : i === slots - 1 ? "end" : "middle"}
              className="chart-label"
            >
              {labels[i]}
            </text>
          ))}
      </svg>
      {series.length > 1 && (
        <figcaption className="chart-legend">
          {series.map((s) => (
            <span key={s.name}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" className={s.className} />
              </svg>{" "}
              {s.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
