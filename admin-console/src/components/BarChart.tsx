export interface Bar {
  label: string;
  value: number;
  title?: string;
}

interface Props {
  bars: Bar[];
  caption: string;
  unit: string;
  height?: number;
}

/**
 * A small SVG bar chart (attributes only, no inline styles, so the console's CSP holds). The figure
 * has a text summary for screen readers and the numbers as a table under a disclosure.
 */
export function BarChart({ bars, caption, unit, height = 140 }: Props) {
  const width = 640;
  const pad = { top: 12, right: 8, bottom: 28, left: 44 };
  const max = Math.max(1, ...bars.map((b) => b.value));
  const inner = { w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
  const step = bars.length > 0 ? inner.w / bars.length : inner.w;
  const barWidth = Math.max(2, Math.min(48, step * 0.7));
  const labelEvery = Math.max(1, Math.ceil(bars.length / 6));
  const total = bars.reduce((sum, b) => sum + b.value, 0);
  const summary = `${caption}: ${bars.length} buckets, ${total} ${unit} in all, at most ${max} in one bucket.`;
  return (
    <figure class="chart">
      <figcaption>{caption}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        <line x1={pad.left} y1={pad.top + inner.h} x2={width - pad.right} y2={pad.top + inner.h} class="chart-axis" />
        <text x={pad.left - 6} y={pad.top + 4} class="chart-tick" text-anchor="end">{max}</text>
        <text x={pad.left - 6} y={pad.top + inner.h} class="chart-tick" text-anchor="end">0</text>
        {bars.map((bar, i) => {
          const h = (bar.value / max) * inner.h;
          const x = pad.left + i * step + (step - barWidth) / 2;
          return (
            <g key={bar.label}>
              <rect x={x} y={pad.top + inner.h - h} width={barWidth} height={Math.max(h, 1)} class="chart-bar">
                <title>{bar.title ?? `${bar.label}: ${bar.value} ${unit}`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={height - 8} class="chart-tick" text-anchor="middle">{bar.label}</text>
              )}
            </g>
          );
        })}
      </svg>
      <details class="chart-data">
        <summary>Show the numbers</summary>
        <table>
          <thead><tr><th scope="col">Bucket</th><th scope="col">{unit}</th></tr></thead>
          <tbody>
            {bars.map((b) => <tr key={b.label}><td>{b.title ?? b.label}</td><td>{b.value}</td></tr>)}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
