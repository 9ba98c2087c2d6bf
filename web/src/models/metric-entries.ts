/** A version's metrics as flat `name: value` pairs: nested evaluations become `candidate.macroF1`. */
export function metricEntries(metrics: Record<string, unknown>, prefix = '', depth = 0): [string, string][] {
  const show = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v));
  return Object.entries(metrics).flatMap(([key, value]): [string, string][] => {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
      return [[name, show(value)]];
    if (value && typeof value === 'object' && !Array.isArray(value) && depth < 1) {
      return metricEntries(value as Record<string, unknown>, name, depth + 1);
    }
    return [];
  });
}
