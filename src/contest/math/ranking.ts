/**
 * From judges' scores to a ranking: normalise per judge, combine per entry by the rubric's weighting, flag
 * entries whose judges disagree, measure agreement, and break ties by the first criterion, then by the
 * earlier submission.
 */
import { krippendorffAlphaInterval } from './agreement.js';
import { mean, normalisePerJudge, type JudgeScore, type NormalisedScore } from './normalise.js';
import { round } from './decimal.js';

export interface AggregationOptions {
  /**
   * `components`: per-judge z of each criterion, weighted by `weights` (weighted-criteria rubrics);
   * `total`: per-judge z of the total (the bias-bounty formula is a product, so its total is what is compared).
   */
  mode: 'components' | 'total';
  weights: number[];
  /** Entries whose judges' normalised scores span more than this (in standard deviations) are flagged. */
  disagreementThreshold: number;
}

export interface EntryStanding {
  entryId: string;
  judges: number;
  /** Mean over the entry's judges of their normalised score: what ranks entries. */
  score: number;
  /** Mean of the judges' rubric totals, on the rubric's own scale (for people to read). */
  rawScore: number;
  /** Mean normalised score on the first criterion: the first tie-break. */
  firstCriterion: number;
  /** Each judge's normalised score of this entry. */
  perJudge: number[];
  /** max − min of perJudge. */
  spread: number;
  flagged: boolean;
}

export interface Aggregation {
  standings: EntryStanding[];
  /** Krippendorff's alpha (interval) over the judges' normalised scores; null when undefined. */
  agreement: number | null;
  /** The same over the raw totals: lower when judges differ in harshness. */
  rawAgreement: number | null;
}

function combine(score: NormalisedScore, options: AggregationOptions): number {
  if (options.mode === 'total') return score.zTotal;
  const weightSum = options.weights.reduce((s, w) => s + w, 0);
  return score.zComponents.reduce((s, z, i) => s + z * (options.weights[i] ?? 0), 0) / weightSum;
}

export function aggregate(scores: JudgeScore[], options: AggregationOptions): Aggregation {
  const normalised = normalisePerJudge(scores);
  const byEntry = new Map<string, NormalisedScore[]>();
  for (const s of normalised) byEntry.set(s.entryId, [...(byEntry.get(s.entryId) ?? []), s]);
  const standings: EntryStanding[] = [];
  for (const [entryId, own] of byEntry) {
    const perJudge = own.map((s) => combine(s, options));
    const spread = Math.max(...perJudge) - Math.min(...perJudge);
    standings.push({
      entryId,
      judges: own.length,
      score: mean(perJudge),
      rawScore: mean(own.map((s) => s.total)),
      firstCriterion: mean(own.map((s) => s.zComponents[0] ?? 0)),
      perJudge,
      spread,
      flagged: own.length >= 2 && spread > options.disagreementThreshold,
    });
  }
  return {
    standings,
    agreement: krippendorffAlphaInterval(standings.map((s) => s.perJudge)),
    rawAgreement: krippendorffAlphaInterval([...byEntry.values()].map((own) => own.map((s) => s.total))),
  };
}

export interface Rankable {
  entryId: string;
  score: number;
  firstCriterion: number;
  submittedAt: Date;
}

/** Differences below this are rounding noise, not a difference in merit. */
const EPSILON = 1e-9;

function compareDesc(a: number, b: number): number {
  return Math.abs(a - b) < EPSILON ? 0 : b - a;
}

/** Best first: score, then the first criterion, then the earlier submission (then id, so the order is total). */
export function compareStandings(a: Rankable, b: Rankable): number {
  return (
    compareDesc(a.score, b.score) ||
    compareDesc(a.firstCriterion, b.firstCriterion) ||
    a.submittedAt.getTime() - b.submittedAt.getTime() ||
    (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0)
  );
}

/** Sorted best first, with ranks 1…n (ties are broken, so every rank is distinct). */
export function rank<T extends Rankable>(items: T[]): (T & { rank: number })[] {
  return [...items].sort(compareStandings).map((item, i) => ({ ...item, rank: i + 1 }));
}

/** Scores as shown: normalised to 4 decimals, raw totals to 2. */
export function displayScore(standing: Pick<EntryStanding, 'score' | 'rawScore'>) {
  return { score: round(standing.score, 4), rawScore: round(standing.rawScore, 2) };
}
