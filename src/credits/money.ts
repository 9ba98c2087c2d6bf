/**
 * Credits are stored as whole micro-credits (1 credit = 1 000 000 µcr) in bigint columns, so sums are exact;
 * the API speaks credits with up to 6 decimals. 1 credit is worth $1 of API usage.
 */
export const MICRO = 1_000_000;
export const CREDIT_DECIMALS = 6;

/** Credits (≤ 6 decimals) → micro-credits; throws RangeError on more decimals or an unsafe size. */
export function toMicro(credits: number): number {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(String(credits));
  if (!match || (match[3] ?? '').replace(/0+$/, '').length > CREDIT_DECIMALS) {
    throw new RangeError(`${credits} has more than ${CREDIT_DECIMALS} decimals`);
  }
  const micro = Number(match[2] + (match[3] ?? '').padEnd(CREDIT_DECIMALS, '0').slice(0, CREDIT_DECIMALS));
  if (!Number.isSafeInteger(micro)) throw new RangeError(`${credits} credits is out of range`);
  return match[1] ? -micro : micro;
}

/** Micro-credits → credits, exactly as a decimal (e.g. 1234 → 0.001234). */
export function fromMicro(micro: number): number {
  const digits = Math.abs(micro)
    .toString()
    .padStart(CREDIT_DECIMALS + 1, '0');
  const text = `${digits.slice(0, -CREDIT_DECIMALS)}.${digits.slice(-CREDIT_DECIMALS)}`;
  return micro < 0 ? -Number(text) : Number(text);
}

/**
 * What `tokens` cost at `pricePer1kMicro` micro-credits per 1000 tokens, rounded up to a whole micro-credit
 * (a call is never free because it is small).
 */
export function usageCostMicro(tokens: number, pricePer1kMicro: number): number {
  if (!Number.isInteger(tokens) || tokens < 0) throw new RangeError('tokens must be a whole number >= 0');
  if (!Number.isInteger(pricePer1kMicro) || pricePer1kMicro < 0)
    throw new RangeError('price must be a whole number of micro-credits >= 0');
  const cost = (BigInt(tokens) * BigInt(pricePer1kMicro) + 999n) / 1000n;
  return Number(cost);
}

/** bigint columns come back from PostgreSQL as strings: read them as numbers (micro-credits stay below 2^53). */
export const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
