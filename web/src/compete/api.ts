import { api, query, type Page } from '../lib/api';

export type ContestStatus = 'open' | 'judging' | 'finalised' | 'cancelled';

/** A contest as anyone sees it (drafts are never listed). */
export interface PublicContest {
  slug: string;
  title: string;
  status: ContestStatus;
  rules: string;
  opensAt: string;
  closesAt: string;
  judgingDeadline: string;
  acceptingEntries: boolean;
  prizePool: number;
  maxAward: number;
  winners: number;
  rubricFormula: string;
  finalisedAt: string | null;
}

export interface ContestResults {
  contest: {
    slug: string;
    title: string;
    status: ContestStatus;
    finalisedAt: string | null;
    prizePool: number;
    maxAward: number;
    winners: number;
    agreement: number | null;
  };
  results: {
    rank: number;
    /** The judge-normalised score entries are ranked by. */
    score: number;
    /** The mean of the judges' rubric totals. */
    rawScore: number;
    award: number;
    /** Only when the entrant chose to be named. */
    name: string | null;
  }[];
}

export const competeApi = {
  contests: (cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<PublicContest>>(`/contests${query({ limit: 50, cursor })}`, signal),
  results: (slug: string, signal?: AbortSignal) =>
    api.get<ContestResults>(`/contests/${encodeURIComponent(slug)}/results`, signal),
};
