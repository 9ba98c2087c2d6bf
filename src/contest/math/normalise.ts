/**
 * Per-judge normalisation: a harsh judge's 4 and a lenient judge's 8 can mean the same thing. Each judge's
 * scores become z-scores within that judge (population standard deviation), per criterion and for the total.
 */

export interface JudgeScore {
  judgeId: string;
  entryId: string;
  /** Value of each criterion or factor, in rubric order (bias bounty: the level values). */
  components: number[];
  /** The rubric total the judge's values give. */
  total: number;
}

export interface NormalisedScore extends JudgeScore {
  zComponents: number[];
  zTotal: number;
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

/** Population standard deviation (divide by n): a judge's scores are the whole population of their scores. */
export function standardDeviation(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** (v − mean) / sd; all zeros when the values do not vary (or there is only one): no information about rank. */
export function zScores(values: number[]): number[] {
  const m = mean(values);
  const sd = standardDeviation(values);
  return sd < 1e-12 ? values.map(() => 0) : values.map((v) => (v - m) / sd);
}

/** Normalises every score within its judge: per component and for the total. */
export function normalisePerJudge(scores: JudgeScore[]): NormalisedScore[] {
  const byJudge = new Map<string, JudgeScore[]>();
  for (const score of scores) byJudge.set(score.judgeId, [...(byJudge.get(score.judgeId) ?? []), score]);
  const out = new Map<JudgeScore, NormalisedScore>();
  for (const own of byJudge.values()) {
    const zTotals = zScores(own.map((s) => s.total));
    const width = Math.max(0, ...own.map((s) => s.components.length));
    const zColumns = Array.from({ length: width }, (_, c) => zScores(own.map((s) => s.components[c] ?? 0)));
    own.forEach((s, i) =>
      out.set(s, { ...s, zComponents: zColumns.map((column) => column[i]), zTotal: zTotals[i] }),
    );
  }
  return scores.map((s) => out.get(s)!);
}
