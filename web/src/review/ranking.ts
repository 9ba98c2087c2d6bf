/** The ranking being built: candidates (by index) in order best first; `tied` marks one as tied with the one above. */
export interface RankingDraft {
  order: number[];
  tied: Record<number, boolean>;
}

export const letter = (candidate: number) => String.fromCharCode(65 + candidate);

export function initialDraft(k: number): RankingDraft {
  return { order: Array.from({ length: k }, (_, i) => i), tied: {} };
}

/** Moves the item at `from` to position `to`, the others keeping their order. */
export function move(order: number[], from: number, to: number): number[] {
  const next = [...order];
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

/**
 * What the API takes: one rank per candidate in the order the task lists them, 0 best, equal ranks for ties
 * (dense: the group after a tie gets the next number).
 */
export function ranksOf({ order, tied }: RankingDraft): number[] {
  const ranks = new Array<number>(order.length).fill(0);
  let rank = 0;
  order.forEach((candidate, position) => {
    if (position > 0 && !tied[candidate]) rank += 1;
    ranks[candidate] = rank;
  });
  return ranks;
}

/** "D > A = B > C" */
export function describeRanking(order: number[], ranks: number[]): string {
  return order
    .map((c, p) => (p === 0 ? letter(c) : `${ranks[c] === ranks[order[p - 1]] ? ' = ' : ' > '}${letter(c)}`))
    .join('');
}
