// No imports: the browser tests run this file in Node as it is.

/** A logged step of a run (RunMetric has these and more). */
export interface LoggedStep {
  step: number;
  values: Record<string, number>;
}

/** One chart's worth: the series have the shape LineChart draws. */
export interface MetricGroup {
  title: string;
  series: { name: string; points: { x: number; y: number }[] }[];
}

/** Charts an operator looks for first; a metric joins the first group whose pattern its name matches. */
const GROUPS: { title: string; pattern: RegExp }[] = [
  { title: 'Reward', pattern: /reward|score|winrate/i },
  { title: 'KL', pattern: /kl|beta/i },
  { title: 'Loss', pattern: /loss/i },
  { title: 'Accuracy', pattern: /acc|f1/i },
];

/** Logged beside the measurements but positions, not measurements: not charted. */
const POSITIONS = ['epoch', 'step'];

/** Splits logged steps into charts: the named groups first, then one chart per remaining metric. */
export function groupMetrics(metrics: LoggedStep[]): MetricGroup[] {
  const series = new Map<string, { x: number; y: number }[]>();
  for (const metric of metrics) {
    for (const [name, y] of Object.entries(metric.values)) {
      if (!Number.isFinite(y) || POSITIONS.includes(name)) continue;
      let points = series.get(name);
      if (!points) series.set(name, (points = []));
      points.push({ x: metric.step, y });
    }
  }
  const groups = new Map<string, MetricGroup['series']>();
  for (const [name, points] of series) {
    const title = GROUPS.find((g) => g.pattern.test(name))?.title ?? name;
    groups.set(title, [...(groups.get(title) ?? []), { name, points }]);
  }
  const order = (title: string) => {
    const i = GROUPS.findIndex((g) => g.title === title);
    return i === -1 ? GROUPS.length : i;
  };
  return [...groups]
    .map(([title, list]) => ({ title, series: list }))
    .sort((a, b) => order(a.title) - order(b.title));
}
