import { gae } from './gae.js';

describe('gae', () => {
  it('matches a 3-step example worked by hand (γ = 0.9, λ = 0.8)', () => {
    // r = [0, 0, 1], V = [0.5, 0.2, 0.4], V after the last token = 0, γλ = 0.72
    // δ2 = 1 + 0.9·0 − 0.4 = 0.6                      A2 = 0.6
    // δ1 = 0 + 0.9·0.4 − 0.2 = 0.16                   A1 = 0.16 + 0.72·0.6 = 0.592
    // δ0 = 0 + 0.9·0.2 − 0.5 = −0.32                  A0 = −0.32 + 0.72·0.592 = 0.10624
    // R = A + V = [0.60624, 0.792, 1.0]
    const { advantages, returns } = gae([0, 0, 1], [0.5, 0.2, 0.4], 0.9, 0.8);
    [0.10624, 0.592, 0.6].forEach((a, t) => expect(advantages[t]).toBeCloseTo(a, 6));
    [0.60624, 0.792, 1.0].forEach((r, t) => expect(returns[t]).toBeCloseTo(r, 6));
  });

  it('with γ = λ = 1 gives returns equal to the reward-to-go, whatever V is', () => {
    const { advantages, returns } = gae([0.1, -0.2, 2], [3, -1, 0.5], 1, 1);
    [1.9, 1.8, 2].forEach((r, t) => expect(returns[t]).toBeCloseTo(r, 6));
    [1.9 - 3, 1.8 + 1, 2 - 0.5].forEach((a, t) => expect(advantages[t]).toBeCloseTo(a, 6));
  });

  it('with λ = 0 gives the one-step TD error', () => {
    // the defaults' γ = 1: δ_t = r_t + V_{t+1} − V_t
    const { advantages } = gae([0, 0, 1], [0.5, 0.2, 0.4], 1, 0);
    [-0.3, 0.2, 0.6].forEach((a, t) => expect(advantages[t]).toBeCloseTo(a, 6));
  });

  it('refuses mismatched lengths', () => {
    expect(() => gae([0, 1], [0], 1, 0.95)).toThrow(/2 rewards but 1 values/);
  });
});
