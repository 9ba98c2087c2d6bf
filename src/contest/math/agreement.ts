/**
 * Krippendorff's alpha for interval data: 1 − observed disagreement / expected disagreement.
 * Units are entries, values are the judges' scores of an entry; any number of judges per entry, missing
 * values allowed. Units with fewer than two values are not pairable and are left out.
 *
 *   D_o = 1/n · Σ_u 1/(m_u − 1) · Σ_{i≠j in u} (v_i − v_j)²
 *   D_e = 1/(n(n − 1)) · Σ_{i≠j over all pairable values} (v_i − v_j)²
 *
 * (n = number of pairable values, m_u = values in unit u; the sums run over ordered pairs.)
 */

/** Σ over ordered pairs i ≠ j of (v_i − v_j)² = 2·(n·Σv² − (Σv)²). */
function sumSquaredPairDifferences(values: number[]): number {
  const n = values.length;
  const sum = values.reduce((s, v) => s + v, 0);
  const sumSquares = values.reduce((s, v) => s + v * v, 0);
  return Math.max(0, 2 * (n * sumSquares - sum * sum));
}

/** Alpha in (−∞, 1]; null when it is undefined (no unit with two values, or no variation at all). */
export function krippendorffAlphaInterval(units: number[][]): number | null {
  const pairable = units.filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  if (n < 2) return null;
  const observed = pairable.reduce((s, u) => s + sumSquaredPairDifferences(u) / (u.length - 1), 0) / n;
  const expected = sumSquaredPairDifferences(all) / (n * (n - 1));
  if (expected < 1e-12) return null;
  return 1 - observed / expected;
}
