import { tokenRewards } from './rewards.js';

describe('tokenRewards', () => {
  it('is −β·(log π − log π_ref) per token plus the score on the last token', () => {
    // log π − log π_ref = [0.5, 0, 0.5]; β = 0.1 → [−0.05, 0, −0.05 + 2]
    const { rewards, kl, klSum } = tokenRewards([-1, -2, -0.5], [-1.5, -2, -1], 2, 0.1);
    [-0.05, 0, 1.95].forEach((r, t) => expect(rewards[t]).toBeCloseTo(r, 6));
    [0.5, 0, 0.5].forEach((k, t) => expect(kl[t]).toBeCloseTo(k, 6));
    expect(klSum).toBeCloseTo(1, 10);
  });

  it('puts the score on the only token of a one-token reply, and refuses an empty one', () => {
    const { rewards } = tokenRewards([-1], [-1], -0.7, 0.02);
    expect(rewards[0]).toBeCloseTo(-0.7, 6);
    expect(() => tokenRewards([], [], 1, 0.02)).toThrow(/empty/);
  });
});
