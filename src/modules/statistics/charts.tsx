/**
 * Server-rendered SVG charts. Each is an image with a title and a description for screen readers; the page puts the
 * same figures in a table beside it, so nothing depends on seeing the chart or on JavaScript.
 */
const WIDTH = 640;
const PAD = { top: 16, right: 12, bottom: 36, left: 52 };

/** A round axis maximum at or above `max`: 1, 2 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

interface Series {
  label: string;
  color: string;
  values: readonly number[];
}

export interface ChartText {
  id: string;
  title: string;
  description: string;
}

function Frame({ text, height, children }: { text: ChartText; height: number; children: preact.ComponentChildren }) {
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${text.id}-title ${text.id}-desc`}
      focusable="false"
    >
      <title id={`${text.id}-title`}>{text.title}</title>
      <desc id={`${text.id}-desc`}>{text.description}</desc>
      {children}
    </svg>
  );
}

function Legend({ series, y }: { series: readonly Series[]; y: number }) {
  return (
    <g>
      {series.map((s, i) => (
        <g key={s.label} transform={`translate(${PAD.left + i * 170}, ${y})`}>
          <rect width="12" height="12" fill={s.color} />
          <text x="18" y="11" class="chart__label">
            {s.label}
          </text>
        </g>
      ))}
    </g>
  );
}

function YAxis({ max, height, format }: { max: number; height: number; format: (v: number) => string }) {
  const plot = height - PAD.top - PAD.bottom;
  return (
    <g>
      {[0, 0.25, 0.5, 0.75, 1].map((f) => {
        const y = PAD.top + plot * (1 - f);
        return (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} class="chart__grid" />
            <text x={PAD.left - 6} y={y + 4} text-anchor="end" class="chart__label">
              {format(max * f)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Grouped columns: one group per category, one column per series. */
export function ColumnChart(p: {
  text: ChartText;
  categories: readonly string[];
  series: readonly Series[];
  format: (v: number) => string;
}) {
  const height = 280;
  const plot = height - PAD.top - PAD.bottom - 20;
  const max = niceMax(Math.max(0, ...p.series.flatMap((s) => s.values)));
  const band = (WIDTH - PAD.left - PAD.right) / Math.max(1, p.categories.length);
  const barWidth = (band * 0.8) / p.series.length;
  return (
    <Frame text={p.text} height={height}>
      <YAxis max={max} height={height - 20} format={p.format} />
      <g>
        {p.categories.map((category, c) => (
          <g key={category}>
            {p.series.map((s, i) => {
              const h = (plot * (s.values[c] ?? 0)) / max;
              return (
                <rect
                  key={s.label}
                  x={PAD.left + c * band + band * 0.1 + i * barWidth}
                  y={PAD.top + plot - h}
                  width={barWidth}
                  height={h}
                  fill={s.color}
                />
              );
            })}
            <text x={PAD.left + c * band + band / 2} y={PAD.top + plot + 14} text-anchor="middle" class="chart__label">
              {category}
            </text>
          </g>
        ))}
      </g>
      <Legend series={p.series} y={height - 18} />
    </Frame>
  );
}

/** A line over categories, values 0–1 shown as percentages. */
export function LineChart(p: { text: ChartText; categories: readonly string[]; series: Series }) {
  const height = 240;
  const plot = height - PAD.top - PAD.bottom;
  const band = (WIDTH - PAD.left - PAD.right) / Math.max(1, p.categories.length);
  const points = p.series.values.map((v, i) => [PAD.left + band * (i + 0.5), PAD.top + plot * (1 - v)] as const);
  return (
    <Frame text={p.text} height={height}>
      <YAxis max={1} height={height} format={(v) => `${Math.round(v * 100)}%`} />
      <g>
        <polyline
          points={points.map(([x, y]) => `${x},${y}`).join(' ')}
          fill="none"
          stroke={p.series.color}
          stroke-width="3"
        />
        {points.map(([x, y], i) => (
          <circle key={p.categories[i]} cx={x} cy={y} r="4" fill={p.series.color} />
        ))}
        {p.categories.map((category, i) => (
          <text
            key={category}
            x={PAD.left + band * (i + 0.5)}
            y={height - PAD.bottom + 16}
            text-anchor="middle"
            class="chart__label"
          >
            {category}
          </text>
        ))}
      </g>
    </Frame>
  );
}

/** Horizontal bars, one per row, with the value written at the end of each bar. */
export function BarChart(p: {
  text: ChartText;
  rows: readonly { label: string; value: number; max: number; shown: string }[];
  color: string;
}) {
  const row = 26;
  const labelWidth = 230;
  const height = PAD.top + p.rows.length * row + 8;
  const plot = WIDTH - labelWidth - PAD.right - 60;
  return (
    <Frame text={p.text} height={height}>
      <g>
        {p.rows.map((r, i) => {
          const y = PAD.top + i * row;
          const w = r.max > 0 ? (plot * Math.max(0, r.value)) / r.max : 0;
          return (
            <g key={r.label}>
              <text x={labelWidth - 8} y={y + 15} text-anchor="end" class="chart__label">
                {r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={plot} height={row - 8} class="chart__track" />
              <rect x={labelWidth} y={y + 3} width={w} height={row - 8} fill={p.color} />
              <text x={labelWidth + plot + 6} y={y + 15} class="chart__label">
                {r.shown}
              </text>
            </g>
          );
        })}
      </g>
    </Frame>
  );
}
