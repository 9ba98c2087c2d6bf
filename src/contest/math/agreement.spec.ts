import { krippendorffAlphaInterval } from './agreement.js';

describe("Krippendorff's alpha (interval)", () => {
  it('matches a hand-worked example: units (1,2) (3,3) (5,4) → 1 − (4/6)/(120/30) = 5/6', () => {
    // D_o = [2·1² + 0 + 2·1²] / 6 = 2/3; D_e: n·Σv² − (Σv)² = 6·64 − 18² = 60, ordered pairs 120, /(6·5) = 4.
    expect(
      krippendorffAlphaInterval([
        [1, 2],
        [3, 3],
        [5, 4],
      ]),
    ).toBeCloseTo(5 / 6, 12);
  });

  it('is 1 for perfect agreement and handles missing values and three judges', () => {
    expect(
      krippendorffAlphaInterval([
        [1, 1, 1],
        [4, 4],
        [9, 9, 9],
      ]),
    ).toBe(1);
    // Units (1,2,3) and (7,8): D_o = (12/2 + 2/1)/5 = 1.6; values 1,2,3,7,8: 5·127 − 21² = 194, ×2 = 388, /20 = 19.4.
    expect(krippendorffAlphaInterval([[1, 2, 3], [7, 8], [100]])).toBeCloseTo(1 - 1.6 / 19.4, 12);
  });

  it('is undefined without pairable values or without variation', () => {
    expect(krippendorffAlphaInterval([[1], [2]])).toBeNull();
    expect(
      krippendorffAlphaInterval([
        [3, 3],
        [3, 3],
      ]),
    ).toBeNull();
  });
});
