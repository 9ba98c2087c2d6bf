import { AdaptiveKlController, FixedKlController } from './kl-controller.js';

describe('AdaptiveKlController (β = 0.02, target 6, horizon 10 000)', () => {
  it('raises β by at most 20 %·n/horizon when KL is far above target', () => {
    // KL 9: error = clip(9/6 − 1, ±0.2) = 0.2; n = 256: β·(1 + 0.2·256/10000) = 0.02·1.00512 = 0.0201024
    const c = new AdaptiveKlController(0.02, 6, 10000);
    expect(c.update(9, 256)).toBeCloseTo(0.0201024, 10);
    expect(c.value).toBeCloseTo(0.0201024, 10);
  });

  it('lowers β when KL is below target, and scales the step by the proportional error inside the clip', () => {
    // KL 3: error −0.2 → 0.02·(1 − 0.00512) = 0.0198976
    expect(new AdaptiveKlController(0.02, 6, 10000).update(3, 256)).toBeCloseTo(0.0198976, 10);
    // KL 6.6: error 0.1 → 0.02·(1 + 0.1·0.0256) = 0.0200512
    expect(new AdaptiveKlController(0.02, 6, 10000).update(6.6, 256)).toBeCloseTo(0.0200512, 10);
    // on target: unchanged
    expect(new AdaptiveKlController(0.02, 6, 10000).update(6, 256)).toBe(0.02);
  });

  it('compounds over updates and ignores a non-finite KL', () => {
    const c = new AdaptiveKlController(0.02, 6, 10000);
    c.update(100, 1000); // ×1.02
    c.update(100, 1000); // ×1.02
    expect(c.value).toBeCloseTo(0.02 * 1.02 * 1.02, 12);
    c.update(NaN, 1000);
    expect(c.value).toBeCloseTo(0.020808, 12);
  });
});

describe('AdaptiveKlController with a floor (β = 0.1, target 10, horizon 32, floor 0.1)', () => {
  it('holds β at the floor while KL is below target, then raises it by 20 %·n/horizon a batch', () => {
    const c = new AdaptiveKlController(0.1, 10, 32, 0.1);
    expect(c.update(2, 16)).toBe(0.1); // would be 0.1·(1 − 0.2·16/32) = 0.09
    expect(c.update(20, 16)).toBeCloseTo(0.11, 12); // 0.1·(1 + 0.2·0.5)
    expect(c.update(20, 16)).toBeCloseTo(0.121, 12);
    expect(c.update(0, 16)).toBeCloseTo(0.1089, 12); // falls again, but not below the floor
    expect(c.update(0, 16)).toBe(0.1);
  });

  it('refuses a floor above the initial β or below 0', () => {
    expect(() => new AdaptiveKlController(0.1, 10, 32, 0.2)).toThrow(/floor/);
    expect(() => new AdaptiveKlController(0.1, 10, 32, -1)).toThrow(/floor/);
  });
});

describe('FixedKlController', () => {
  it('never moves', () => {
    const c = new FixedKlController(0.05);
    expect(c.update(100, 256)).toBe(0.05);
    expect(c.value).toBe(0.05);
  });
});
