import { fromMicro, toMicro, usageCostMicro } from './money.js';

describe('credit amounts', () => {
  it('converts credits and micro-credits exactly', () => {
    expect(toMicro(500)).toBe(500_000_000);
    expect(toMicro(0.000001)).toBe(1);
    expect(toMicro(-2.5)).toBe(-2_500_000);
    expect(fromMicro(1234)).toBe(0.001234);
    expect(fromMicro(500_000_000)).toBe(500);
    expect(() => toMicro(0.0000001)).toThrow(/more than 6 decimals/);
  });

  it('prices usage per 1k tokens, rounding up to a whole micro-credit', () => {
    // 1500 tokens at 2 credits / 1k = 3 credits
    expect(usageCostMicro(1500, 2_000_000)).toBe(3_000_000);
    // 7 tokens at 0.001 credits / 1k = 0.000007 credits = 7 µcr
    expect(usageCostMicro(7, 1000)).toBe(7);
    // 1 token at 0.0005 / 1k = 0.5 µcr → 1 µcr
    expect(usageCostMicro(1, 500)).toBe(1);
    expect(usageCostMicro(0, 500)).toBe(0);
    expect(usageCostMicro(123, 0)).toBe(0);
  });
});
