/** Axis helpers for the SVG charts: round tick values, short labels, and the text a screen reader hears. */
// No imports: the browser tests run this file in Node as it is.

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

export interface Domain {
  min: number;
  max: number;
}

/**
 * The extent of the values, widened when flat so a constant series still gets an axis; from 0 when
 * `fromZero` (sizes and counts).
 */
export function domainOf(values: number[], fromZero = false): Domain {
  if (!values.length) return { min: 0, max: 1 };
  let min = fromZero ? 0 : Math.min(...values);
  let max = Math.max(...values);
  if (fromZero && max === 0) return { min: 0, max: 1 };
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  return { min, max };
}

/**
 * About `count` evenly spaced round values (1, 2 or 5 × 10^n apart) covering the domain; whole numbers
 * only when `integer` (steps, counts).
 */
export function niceTicks({ min, max }: Domain, count = 5, integer = false): number[] {
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const step = integer ? Math.max(1, nice) : nice;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return ticks;
}

/** The domain widened out to whole tick steps, so every point lies between the first and the last gridline. */
export function niceDomain(domain: Domain, count: number, integer = false): Domain {
  const ticks = niceTicks(domain, count, integer);
  if (ticks.length < 2) return domain;
  const step = ticks[1] - ticks[0];
  return {
    min: Number((Math.floor(domain.min / step + 1e-9) * step).toPrecision(12)),
    max: Number((Math.ceil(domain.max / step - 1e-9) * step).toPrecision(12)),
  };
}

/** 0.000123 → "1.2e-4", 12345 → "12.3k", 0.5 → "0.5". */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 1e4) return `${Number((value / 1000).toPrecision(3))}k`;
  if (abs < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}

/** What a screen reader hears instead of the picture: each series' extent and latest value. */
export function chartSummary(title: string, series: ChartSeries[], xLabel: string): string {
  const parts = series.map((s) => {
    if (!s.points.length) return `${s.name}: no points yet`;
    const ys = s.points.map((p) => p.y);
    const last = s.points[s.points.length - 1];
    return `${s.name}: ${s.points.length} points, ${xLabel.toLowerCase()} ${s.points[0].x} to ${last.x}, latest ${formatNumber(last.y)}, min ${formatNumber(Math.min(...ys))}, max ${formatNumber(Math.max(...ys))}`;
  });
  return `${title}. ${parts.join('; ')}.`;
}
