import { ppoGate, winRate } from './ppo-gate.js';

describe('ppo gate', () => {
  it('win rate counts ties as half', () => {
    expect(winRate([1, 2, 3, 4], [0, 2, 5, 1])).toBeCloseTo(2.5 / 4);
  });

  it('promotes only a winner whose flag rate did not rise', () => {
    expect(ppoGate({ winRate: 0.6, minWinRate: 0.5, candidateFlagRate: 0.1, incumbentFlagRate: 0.1 }).promote).toBe(true);
    expect(ppoGate({ winRate: 0.5, minWinRate: 0.5, candidateFlagRate: 0, incumbentFlagRate: 0 }).promote).toBe(false);
    expect(ppoGate({ winRate: 0.9, minWinRate: 0.5, candidateFlagRate: 0.2, incumbentFlagRate: 0.1 })).toMatchObject({ promote: false, reason: expect.stringMatching(/flag rate/) });
    expect(ppoGate({ winRate: 0.9, minWinRate: 0.5, candidateFlagRate: null, incumbentFlagRate: null }).promote).toBe(true);
  });
});
