import { formatScaled, fromScaled, hasAtMostDecimals, round, roundDiv, toScaled } from './decimal.js';

describe('scaled decimals', () => {
  it('scales numbers with up to the given decimals exactly', () => {
    expect(toScaled(1.25, 2)).toBe(125n);
    expect(toScaled(0.75, 2)).toBe(75n);
    expect(toScaled(15, 2)).toBe(1500n);
    expect(toScaled(-1.5, 2)).toBe(-150n);
    expect(toScaled(1.1, 2)).toBe(110n);
  });

  it('refuses more decimals than asked for', () => {
    expect(() => toScaled(1.005, 2)).toThrow(/more than 2 decimals/);
    expect(() => toScaled(1e-7, 6)).toThrow(RangeError);
    expect(hasAtMostDecimals(0.125, 2)).toBe(false);
    expect(hasAtMostDecimals(0.125, 3)).toBe(true);
  });

  it('rounds halves away from zero', () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(roundDiv(5n, 3n)).toBe(2n);
    expect(roundDiv(7n, -2n)).toBe(-4n);
  });

  it('formats scaled integers', () => {
    expect(formatScaled(1782n, 2)).toBe('17.82');
    expect(formatScaled(5n, 2)).toBe('0.05');
    expect(formatScaled(-1782n, 2)).toBe('-17.82');
    expect(fromScaled(6084n, 2)).toBe(60.84);
  });

  it('rounds numbers for display', () => {
    expect(round(0.1123724, 4)).toBe(0.1124);
    expect(round(-0.61237, 2)).toBe(-0.61);
    expect(round(2.675, 2)).toBe(2.68);
  });
});
