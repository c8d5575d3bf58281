// Charts drawn as inline SVG by React: no chart library in the bundle. Each one carries its numbers
// as text (labels, <title> tooltips, an aria-label summary) so it reads without the picture.

const WIDTH = 480;

/** One horizontal bar per row, scaled to the largest value (or to `max`). */
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
  const top = max ?? Math.max(0, ...rows.map((r) => r.value ?? 0));
  const rowHeight = 26;
  const labelWidth = 130;
  const barWidth = WIDTH - labelWidth - 70;
  const summary = rows.map((r) => `${r.name}: ${r.value === null ? "—" : format(r.value)}`).join(", ");
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${Math.max(1, rows.length) * rowHeight}`}
      role="img"
      aria-label={`${label}. ${summary}`}
    >
      {rows.map((r, i) => {
        const width = top > 0 && r.value !== null ? Math.max(1, (r.value / top) * barWidth) : 0;
        const y = i * rowHeight;
        return (
          <g key={r.name}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end" className="chart-label">
              {r.name.length > 18 ? `${r.name.slice(0, 17)}…` : r.name}
            </text>
            <rect x={labelWidth} y={y + 5} width={width} height={rowHeight - 10} rx={3} className="chart-bar">
              <title>{`${r.name}: ${r.value === null ? "—" : format(r.value)}`}</title>
            </rect>
            <text x={labelWidth + width + 6} y={y + 17} className="chart-value">
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
  const height = 160;
  const bottom = 22;
  const slots = labels.length;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const top = Math.max(0, ...totals);
  const slotWidth = WIDTH / Math.max(1, slots);
  const scale = (v: number) => (top > 0 ? (v / top) * (height - bottom - 14) : 0);
  const summary = series
    .map((s) => `${s.name}: ${format(s.values.reduce<number>((a, v) => a + (v ?? 0), 0))}`)
    .join(", ");
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${label}. ${summary}`}>
        <text x={2} y={10} className="chart-value">
          {format(top)}
        </text>
        <line x1={0} x2={WIDTH} y1={height - bottom} y2={height - bottom} className="chart-axis" />
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
              x={Math.min(WIDTH - 2, Math.max(2, i * slotWidth + slotWidth / 2))}
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
