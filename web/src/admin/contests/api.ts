import { api, query, type Page } from '../../lib/api';

export const CONTEST_STATUSES = ['draft', 'open', 'judging', 'finalised', 'cancelled'] as const;
export type ContestStatus = (typeof CONTEST_STATUSES)[number];
export type AwardPolicy = 'equal' | 'rank_order';
export type RubricTemplate = 'seed_feedback' | 'bias_bounty';

export interface Contest {
  id: string;
  slug: string;
  title: string;
  status: ContestStatus;
  rules: string;
  rulesVersion: number;
  opensAt: string;
  closesAt: string;
  judgingDeadline: string;
  acceptingEntries: boolean;
  eligibility: { minAge: number; excludedCountries: string[] };
  prizePool: number;
  maxAward: number;
  winners: number;
  awardPolicy: AwardPolicy;
  judgesPerEntry: number;
  blind: boolean;
  rubric: { kind: 'weighted' | 'bias_bounty' } & Record<string, unknown>;
  rubricFormula: string;
  disagreementThreshold: number;
  agreement: number | null;
  finalisedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryItem {
  action: string;
  actorId: string | null;
  data: Record<string, unknown>;
  at: string;
}

export type ContestDetail = Contest & { history: HistoryItem[] };

/** What the create and edit forms send; dates are ISO 8601 in UTC. */
export interface ContestInput {
  title: string;
  rules: string;
  opensAt: string;
  closesAt: string;
  judgingDeadline: string;
  prizePool: number;
  maxAward: number;
  winners: number;
  awardPolicy: AwardPolicy;
  judgesPerEntry: number;
  blind: boolean;
  minAge: number;
  excludedCountries: string[];
  rubricTemplate?: RubricTemplate;
  rubric?: Record<string, unknown>;
}

export interface Person {
  id: string;
  email: string;
  displayName: string | null;
}

export interface AdminEntry {
  id: string;
  writeUp: string;
  reportIds: string[];
  country: string;
  status: 'submitted' | 'withdrawn';
  screening: 'pending' | 'eligible' | 'disqualified';
  screeningReason: string | null;
  awardEligible: boolean;
  awardNote: string | null;
  entrant: Person | null;
  attestedAge: number;
  createdAt: string;
  judging: { assigned: number; submitted: number };
}

export interface PanelJudge {
  userId: string;
  email: string | null;
  displayName: string | null;
  assigned: number;
  submitted: number;
  addedAt: string;
}

export interface Standing {
  rank: number;
  entryId: string;
  entrant: Person | null;
  score: number;
  rawScore: number;
  judges: number;
  spread: number;
  flagged: boolean;
  awardEligible: boolean;
  awardNote: string | null;
}

export interface Standings {
  agreement: number | null;
  rawAgreement: number | null;
  pendingScores: number;
  unjudged: string[];
  standings: Standing[];
}

export interface FinaliseResult {
  alreadyFinalised: boolean;
  contest: Contest;
  results: { rank: number; score: number; award: number; entryId: string; name: string | null }[];
}

const base = (slug: string) => `/admin/contests/${encodeURIComponent(slug)}`;

export const contestsApi = {
  list: (status: ContestStatus | '', signal?: AbortSignal) =>
    api.get<Page<Contest>>(`/admin/contests${query({ status, limit: 100 })}`, signal),
  get: (slug: string, signal?: AbortSignal) => api.get<ContestDetail>(base(slug), signal),
  create: (input: ContestInput & { slug: string }) => api.post<Contest>('/admin/contests', input),
  update: (slug: string, changes: Partial<ContestInput>) => api.patch<Contest>(base(slug), changes),
  move: (slug: string, status: 'open' | 'judging' | 'cancelled') =>
    api.post<Contest>(`${base(slug)}/status`, { status }),
  entries: (slug: string, signal?: AbortSignal) =>
    api.get<Page<AdminEntry>>(`${base(slug)}/entries${query({ limit: 100 })}`, signal),
  screen: (slug: string, entryId: string, decision: 'eligible' | 'disqualified', reason?: string) =>
    api.post<AdminEntry>(`${base(slug)}/entries/${entryId}/screening`, { decision, reason }),
  judges: (slug: string, signal?: AbortSignal) =>
    api.get<{ data: PanelJudge[] }>(`${base(slug)}/judges`, signal),
  addJudge: (slug: string, userId: string) =>
    api.put<{ data: PanelJudge[] }>(`${base(slug)}/judges/${userId}`),
  removeJudge: (slug: string, userId: string) =>
    api.delete<{ data: PanelJudge[] }>(`${base(slug)}/judges/${userId}`),
  assignAll: (slug: string) => api.post<{ created: number }>(`${base(slug)}/assignments`),
  extraJudge: (slug: string, entryId: string) =>
    api.post<{ judgeId: string }>(`${base(slug)}/entries/${entryId}/assignments`, {}),
  standings: (slug: string, signal?: AbortSignal) => api.get<Standings>(`${base(slug)}/standings`, signal),
  finalise: (slug: string) => api.post<FinaliseResult>(`${base(slug)}/finalise`),
};

/** Moves an admin may ask for from each status (the server allows only these); finalising has its own step. */
export const NEXT_STATUSES: Record<ContestStatus, ('open' | 'judging' | 'cancelled')[]> = {
  draft: ['open', 'cancelled'],
  open: ['judging', 'cancelled'],
  judging: ['cancelled'],
  finalised: [],
  cancelled: [],
};
