import { useId } from 'react';
import { chartSummary, domainOf, formatNumber, niceDomain, niceTicks, type ChartSeries } from './chart-scale';
import { useWidth } from './useWidth';

const HEIGHT = 220;
const MARGIN = { top: 12, right: 16, bottom: 34, left: 56 };
/** Beyond this many points a series is drawn as a line only (markers would hide it). */
const MAX_MARKERS = 150;

export interface LineChartProps {
  title: string;
  series: ChartSeries[];
  xLabel?: string;
  /** Start the value axis at 0 (sizes, counts). */
  fromZero?: boolean;
}

/** A dependency-free SVG line chart: axes with round ticks, one coloured line per series, a legend and a data table. */
export function LineChart({ title, series, xLabel = 'Step', fromZero = false }: LineChartProps) {
  const id = useId();
  const { ref, width } = useWidth<HTMLDivElement>(600);
  const all = series.flatMap((s) => s.points);
  const xDomain = domainOf(all.map((p) => p.x));
  const integerY = fromZero && all.every((p) => Number.isInteger(p.y));
  const yDomain = niceDomain(
    domainOf(
      all.map((p) => p.y),
      fromZero,
    ),
    4,
    integerY,
  );
  const xTicks = niceTicks(xDomain, Math.max(2, Math.floor(width / 90)), true);
  const yTicks = niceTicks(yDomain, 4, integerY);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + ((x - xDomain.min) / (xDomain.max - xDomain.min)) * plotW;
  const sy = (y: number) => MARGIN.top + (1 - (y - yDomain.min) / (yDomain.max - yDomain.min)) * plotH;
  const summary = chartSummary(title, series, xLabel);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      <div ref={ref} className="chart__canvas">
        <svg width={width} height={HEIGHT} role="img" aria-label={summary} data-points={all.length}>
          {yTicks.map((t) => (
            <g key={`y${t}`} className="chart__grid">
              <line x1={MARGIN.left} x2={width - MARGIN.right} y1={sy(t)} y2={sy(t)} />
              <text x={MARGIN.left - 8} y={sy(t)} dy="0.32em" textAnchor="end">
                {formatNumber(t)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <text
              key={`x${t}`}
              className="chart__tick"
              x={sx(t)}
              y={HEIGHT - MARGIN.bottom + 16}
              textAnchor="middle"
            >
              {formatNumber(t)}
            </text>
          ))}
          <line
            className="chart__axis"
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={HEIGHT - MARGIN.bottom}
            y2={HEIGHT - MARGIN.bottom}
          />
          <text className="chart__tick" x={MARGIN.left + plotW / 2} y={HEIGHT - 4} textAnchor="middle">
            {xLabel}
          </text>
          {series.map((s, i) => (
            <g key={s.name} className={`chart__series chart__series--${i % 6}`} data-series={s.name}>
              <polyline fill="none" points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} />
              {s.points.length <= MAX_MARKERS &&
                s.points.map((p) => (
                  <circle key={p.x} className="chart__point" cx={sx(p.x)} cy={sy(p.y)} r={3} />
                ))}
            </g>
          ))}
        </svg>
      </div>
      <ul className="chart__legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.name}>
            <span className={`chart__swatch chart__series--${i % 6}`} />
            {s.name}
            {s.points.length > 0 && (
              <span className="chart__latest"> {formatNumber(s.points[s.points.length - 1].y)}</span>
            )}
          </li>
        ))}
      </ul>
      <ChartTable title={title} series={series} xLabel={xLabel} />
    </figure>
  );
}

/** The same numbers as a table, for those who cannot see the chart or want exact values. */
function ChartTable({ title, series, xLabel }: LineChartProps & { xLabel: string }) {
  const steps = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const lookup = series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  return (
    <details className="chart__data">
      <summary>Data table</summary>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">
            {title}: values per {xLabel.toLowerCase()}
          </caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {steps.map((x) => (
              <tr key={x}>
                <th scope="row">{x}</th>
                {lookup.map((values, i) => (
                  <td key={series[i].name}>{values.has(x) ? formatNumber(values.get(x)!) : '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
