import { api, query, type Page } from '../lib/api';
import type { Rubric } from './rubric';

export type ContestStatus = 'draft' | 'open' | 'judging' | 'finalised' | 'cancelled';
export type AssignmentStatus = 'assigned' | 'submitted' | 'recused';

export interface JudgeContest {
  slug: string;
  title: string;
  status: ContestStatus;
  judgingDeadline: string;
  blind: boolean;
  rubric: Rubric;
  rubricFormula: string;
}

export interface AssignmentSummary {
  id: string;
  contest: { slug: string; title: string; status: ContestStatus };
  status: AssignmentStatus;
  extra: boolean;
  assignedAt: string;
  submittedAt: string | null;
  myTotal: number | null;
}

export interface JudgeScore {
  values: Record<string, number | string>;
  total: number;
  formula: string;
  comment: string | null;
  revision: number;
  submittedAt: string;
  updatedAt: string;
}

export interface BlindMessage {
  role: string;
  content: string;
  status: string;
}

/** A report in an entry, without who filed it (blind judging). */
export interface BlindReport {
  kind: string;
  categories: string[];
  description: string | null;
  reportedAt: string;
  conversation: { title: string | null; messages: BlindMessage[] };
  message: BlindMessage & { modelName: string | null };
}

export interface AssignmentDetail {
  id: string;
  status: AssignmentStatus;
  extra: boolean;
  assignedAt: string;
  submittedAt: string | null;
  contest: JudgeContest;
  entry: {
    writeUp: string;
    submittedAt: string;
    reports: BlindReport[];
    /** Only in contests that are not blind. */
    entrant?: { displayName: string | null };
  };
  myScore: JudgeScore | null;
  otherScores: (JudgeScore & { judge: string })[] | null;
}

export interface Conflict {
  id: string;
  email: string;
  reason: string | null;
  createdAt: string;
}

const slugPath = (slug: string) => `/judging/contests/${encodeURIComponent(slug)}`;
const assignmentPath = (id: string) => `/judging/assignments/${encodeURIComponent(id)}`;

export const judgingApi = {
  contests: (signal?: AbortSignal) => api.get<{ data: JudgeContest[] }>('/judging/contests', signal),
  conflicts: (slug: string, signal?: AbortSignal) =>
    api.get<{ data: Conflict[] }>(`${slugPath(slug)}/conflicts`, signal),
  declareConflict: (slug: string, email: string, reason?: string) =>
    api.post<Conflict>(`${slugPath(slug)}/conflicts`, { email, ...(reason ? { reason } : {}) }),
  /** Every assignment of one contest (all pages), oldest first. */
  async assignments(contest: string, signal?: AbortSignal): Promise<AssignmentSummary[]> {
    const all: AssignmentSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AssignmentSummary> = await api.get<Page<AssignmentSummary>>(
        `/judging/assignments${query({ contest, limit: 100, cursor })}`,
        signal,
      );
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  },
  assignment: (id: string, signal?: AbortSignal) => api.get<AssignmentDetail>(assignmentPath(id), signal),
  score: (id: string, values: Record<string, number | string>, comment?: string) =>
    api.put<AssignmentDetail>(`${assignmentPath(id)}/score`, {
      values,
      ...(comment ? { comment } : {}),
    }),
  recuse: (id: string, reason: string) =>
    api.post<{ replaced: boolean }>(`${assignmentPath(id)}/recuse`, { reason }),
};

/** Where a judge stands in one contest's queue (recused entries are out of it). */
export function queueProgress(assignments: AssignmentSummary[]) {
  const active = assignments.filter((a) => a.status !== 'recused');
  const scored = active.filter((a) => a.status === 'submitted').length;
  return { scored, total: active.length, next: active.find((a) => a.status === 'assigned') ?? null };
}
