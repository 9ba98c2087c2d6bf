import { api, query, type Page } from '../lib/api';

export const REPORT_KINDS = [
  'harmful_output',
  'filter_false_positive',
  'filter_false_negative',
  'bias',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ['new', 'needs_info', 'accepted', 'rejected', 'duplicate'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export { MODERATION_CATEGORIES as CATEGORIES } from '../lib/categories';

export const KIND_LABELS: Record<ReportKind, string> = {
  harmful_output: 'Harmful output',
  filter_false_positive: 'Filter false positive',
  filter_false_negative: 'Filter false negative',
  bias: 'Bias',
};

export const STATUS_LABELS: Record<ReportStatus, string> = {
  new: 'New',
  needs_info: 'Needs info',
  accepted: 'Accepted',
  rejected: 'Rejected',
  duplicate: 'Duplicate',
};

export interface SnapshotMessage {
  id: string;
  role: string;
  content: string;
  status: string;
}

export interface ReportSnapshot {
  conversation: { id: string; title: string };
  messages: SnapshotMessage[];
  message: SnapshotMessage & { modelName: string | null; modelVersionId: string | null };
  moderation: {
    provider: string;
    modelVersion: string;
    action: string;
    categories: string[];
    scores: Record<string, number>;
  } | null;
  takenAt: string;
}

export interface SimilarReport {
  id: string;
  kind: ReportKind;
  status: ReportStatus;
  createdAt: string;
  similarity: number;
  sameMessage: boolean;
}

export interface ReportEvent {
  type: string;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus;
  note: string | null;
  createdAt: string;
}

export interface TriageReport {
  id: string;
  kind: ReportKind;
  messageId: string;
  categories: string[];
  description: string;
  status: ReportStatus;
  duplicateOf: string | null;
  snapshot: ReportSnapshot;
  reporterId: string;
  createdAt: string;
  updatedAt: string;
  similar?: SimilarReport[];
  events?: ReportEvent[];
}

export type Decision = 'accepted' | 'rejected' | 'duplicate' | 'needs_info';

export interface DecisionInput {
  decision: Decision;
  duplicateOf?: string;
  note?: string;
}

export interface TriageFilters {
  kind: ReportKind | '';
  status: ReportStatus;
  category: string;
}

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface RankingTask {
  id: string;
  source: 'report' | 'sample';
  status: string;
  k: number;
  requiredRankings: number;
  prompt: PromptMessage[];
  candidates: { index: number; text: string }[];
  createdAt: string;
}

export interface Ranking {
  id: string;
  taskId: string;
  ranks: number[];
  allUnacceptable: boolean;
  createdAt: string;
}

export interface Demonstration {
  id: string;
  prompt: PromptMessage[];
  content: string;
  suggestion: string | null;
  suggestionAccepted: boolean;
  createdAt: string;
}

export const reviewApi = {
  queue: (filters: TriageFilters, cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<TriageReport>>(`/triage/reports${query({ ...filters, cursor, limit: 20 })}`, signal),
  report: (id: string, signal?: AbortSignal) =>
    api.get<TriageReport>(`/triage/reports/${encodeURIComponent(id)}`, signal),
  decide: (id: string, input: DecisionInput) =>
    api.post<TriageReport>(`/triage/reports/${encodeURIComponent(id)}/decisions`, input),
  nextTask: (signal?: AbortSignal) => api.get<{ task: RankingTask | null }>('/retrain/tasks/next', signal),
  rank: (taskId: string, ranks: number[], allUnacceptable: boolean) =>
    api.post<Ranking>(`/retrain/tasks/${encodeURIComponent(taskId)}/rankings`, { ranks, allUnacceptable }),
  suggest: (prompt: PromptMessage[]) =>
    api.post<{ suggestion: string; modelVersionId: string | null }>('/retrain/demonstrations/suggestions', {
      prompt,
    }),
  demonstrate: (prompt: PromptMessage[], content: string, suggestion: string | null) =>
    api.post<Demonstration>('/retrain/demonstrations', {
      prompt,
      content,
      ...(suggestion !== null ? { suggestion } : {}),
    }),
};
