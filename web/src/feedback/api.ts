import { api, query, send, type Page } from '../lib/api';

export type RatingValue = 'up' | 'down';
export const RATING_REASONS = ['harmful', 'untrue', 'unhelpful', 'biased', 'other'] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

export interface Rating {
  messageId: string;
  value: RatingValue;
  reasons: RatingReason[];
  comment: string | null;
  updatedAt: string;
}

export type ReportKind = 'harmful_output' | 'filter_false_positive' | 'filter_false_negative' | 'bias';
export type ReportStatus = 'new' | 'needs_info' | 'accepted' | 'rejected' | 'duplicate';

export { MODERATION_CATEGORIES } from '../lib/categories';

export interface ReportEvent {
  type: 'submitted' | 'decision' | 'answer' | 'auto_closed';
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus;
  note: string | null;
  createdAt: string;
}

export interface Report {
  id: string;
  kind: ReportKind;
  messageId: string;
  categories: string[];
  description: string;
  status: ReportStatus;
  duplicateOf: string | null;
  snapshot: {
    conversation: { id: string; title: string };
    message: { id: string; role: string; content: string; status: string; modelName: string | null };
    moderation: { action: string; categories: string[] } | null;
    takenAt: string;
  };
  createdAt: string;
  updatedAt: string;
  /** Only when one report is read: its status history, oldest first. */
  events?: ReportEvent[];
}

export interface NewReport {
  kind: ReportKind;
  messageId: string;
  categories?: string[];
  description: string;
}

export interface Contest {
  slug: string;
  title: string;
  status: string;
  rules: string;
  rulesVersion: number;
  opensAt: string;
  closesAt: string;
  acceptingEntries: boolean;
  eligibility: { minAge: number; excludedCountries: string[] };
  prizePool: number;
  maxAward: number;
  winners: number;
}

export interface NewEntry {
  reportIds: string[];
  writeUp: string;
  age: number;
  country: string;
  acceptRulesVersion: number;
  showName?: boolean;
}

export interface Entry {
  id: string;
  contest: { slug: string; title: string; status: string };
  reportIds: string[];
  writeUp: string;
  country: string;
  rulesVersion: number;
  showName: boolean;
  status: string;
  screening: 'pending' | 'eligible' | 'disqualified';
  screeningReason: string | null;
  awardEligible: boolean;
  awardNote: string | null;
  result: { rank: number; score: number; rawScore: number; award: number } | null;
  createdAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
}

/** A fresh key for one opening of a form: retrying its submit sends the same key, so one thing is created. */
export function newIdempotencyKey(): string {
  // randomUUID needs a secure context; getRandomValues also works when the app is served over plain http.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** POST with an Idempotency-Key header (the shared wrapper has no per-call headers for JSON posts). */
async function postOnce<T>(path: string, body: unknown, key: string): Promise<T> {
  const res = await send('POST', path, { body, headers: { 'Idempotency-Key': key } });
  return (await res.json()) as T;
}

const id = encodeURIComponent;

export const feedbackApi = {
  /** The caller's ratings of the replies in a conversation, by message id. */
  conversationRatings: async (conversationId: string, signal?: AbortSignal) => {
    const { data } = await api.get<{ data: Rating[] }>(
      `/conversations/${id(conversationId)}/ratings`,
      signal,
    );
    return new Map(data.map((r) => [r.messageId, r]));
  },
  rate: (messageId: string, input: { value: RatingValue; reasons?: RatingReason[]; comment?: string }) =>
    api.put<Rating>(`/messages/${id(messageId)}/rating`, input),
  report: (input: NewReport, key: string) => postOnce<Report>('/reports', input, key),
  reports: (cursor?: string | null, signal?: AbortSignal) =>
    api.get<Page<Report>>(`/reports${query({ limit: 20, cursor })}`, signal),
  reportDetail: (reportId: string, signal?: AbortSignal) =>
    api.get<Report>(`/reports/${id(reportId)}`, signal),
  answer: (reportId: string, text: string) => api.post<Report>(`/reports/${id(reportId)}/answers`, { text }),
};

export const contestApi = {
  open: (signal?: AbortSignal) =>
    api.get<Page<Contest>>(`/contests${query({ status: 'open', limit: 20 })}`, signal),
  enter: (slug: string, input: NewEntry, key: string) =>
    postOnce<Entry>(`/contests/${id(slug)}/entries`, input, key),
  entries: (cursor?: string | null, signal?: AbortSignal) =>
    api.get<Page<Entry>>(`/contest-entries${query({ limit: 20, cursor })}`, signal),
  updateEntry: (entryId: string, input: { writeUp?: string; showName?: boolean }) =>
    api.patch<Entry>(`/contest-entries/${id(entryId)}`, input),
  withdraw: (entryId: string) => api.post<Entry>(`/contest-entries/${id(entryId)}/withdraw`),
};

export const KIND_LABELS: Record<ReportKind, string> = {
  harmful_output: 'Harmful or untrue reply',
  bias: 'Biased reply',
  filter_false_positive: 'The filter wrongly flagged it',
  filter_false_negative: 'The filter should have flagged it',
};

export const STATUS_LABELS: Record<ReportStatus, string> = {
  new: 'Waiting for review',
  needs_info: 'Needs more information',
  accepted: 'Accepted',
  rejected: 'Rejected',
  duplicate: 'Duplicate',
};
