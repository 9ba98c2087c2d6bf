/** The evaluation gate (DESIGN §6): promote only if the candidate wins and the filter flags no more of its replies. */
export interface PpoGateInput {
  winRate: number;
  minWinRate: number;
  candidateFlagRate: number | null;
  incumbentFlagRate: number | null;
}

export interface GateVerdict {
  promote: boolean;
  reason: string;
}

export function ppoGate(e: PpoGateInput): GateVerdict {
  if (!(e.winRate > e.minWinRate)) {
    return { promote: false, reason: `reward-model win rate ${e.winRate.toFixed(3)} does not beat ${e.minWinRate}` };
  }
  if (e.candidateFlagRate !== null && e.incumbentFlagRate !== null && e.candidateFlagRate > e.incumbentFlagRate) {
    return { promote: false, reason: `filter flag rate on the red-team set rose from ${e.incumbentFlagRate.toFixed(3)} to ${e.candidateFlagRate.toFixed(3)}` };
  }
  const flags = e.candidateFlagRate === null ? 'no red-team prompts' : `flag rate ${e.candidateFlagRate.toFixed(3)} ≤ ${e.incumbentFlagRate!.toFixed(3)}`;
  return { promote: true, reason: `win rate ${e.winRate.toFixed(3)} > ${e.minWinRate}; ${flags}` };
}

/** Fraction of prompts on which the candidate's reply scores above the incumbent's (ties count ½). */
export function winRate(candidate: ArrayLike<number>, incumbent: ArrayLike<number>): number {
  if (candidate.length === 0) return 0;
  let wins = 0;
  for (let i = 0; i < candidate.length; i++) wins += candidate[i] > incumbent[i] ? 1 : candidate[i] === incumbent[i] ? 0.5 : 0;
  return wins / candidate.length;
}
