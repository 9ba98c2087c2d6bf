/**
 * Exact decimal arithmetic on scaled integers, so totals such as 15 × 1.2 × 1.2 × 1.1 × 1.0 × 0.75 × 1.0
 * come out as 17.82 and never as 17.819999999999997.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** `value` × 10^decimals as a BigInt; throws when `value` has more decimals than that. */
export function toScaled(value: number, decimals: number): bigint {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const match = DECIMAL.exec(String(value));
  if (!match) throw new RangeError(`${value} has more than ${decimals} decimals`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > decimals)
    throw new RangeError(`${value} has more than ${decimals} decimals`);
  const digits = BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
  return sign ? -digits : digits;
}

/** Whether `value` is a finite number with at most `decimals` decimals. */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  try {
    toScaled(value, decimals);
    return true;
  } catch {
    return false;
  }
}

/** numerator / denominator rounded to the nearest integer, halves away from zero. */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return roundDiv(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  if (2n * (n % denominator) >= denominator) q += 1n;
  return negative ? -q : q;
}

/** A scaled integer as a fixed-point string: formatScaled(1782n, 2) = '17.82'. */
export function formatScaled(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals ? `.${fraction}` : ''}`;
}

/** A scaled integer as the nearest JavaScript number (exact for the 2-decimal totals shown to people). */
export function fromScaled(value: bigint, decimals: number): number {
  return Number(formatScaled(value, decimals));
}

/** `x` rounded to `decimals` places, halves away from zero, without binary floating-point surprises. */
export function round(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const rounded = Math.round(Math.abs(x) * 10 ** decimals + 1e-9) / 10 ** decimals;
  return Math.sign(x) * rounded || 0;
}
