import { api, query } from '../lib/api';

export type ModelKind = 'policy' | 'reward' | 'moderation';
export type ModelStatus = 'candidate' | 'serving' | 'retired' | 'rejected';

export interface ModelVersion {
  id: string;
  kind: ModelKind;
  name: string;
  parentId: string | null;
  status: ModelStatus;
  checkpointPath: string;
  metrics: Record<string, unknown>;
  trainingRunId: string | null;
  createdAt: string;
  promotedAt: string | null;
}

export interface Serving {
  policy: ModelVersion | null;
  /** What the serving provider says of itself (embedded: backend, context; remote: base URL). */
  provider: Record<string, unknown>;
}

export interface LineageNode {
  id: string;
  kind: ModelKind;
  name: string;
  status: ModelStatus;
  trainingRunId: string | null;
}

export interface Lineage {
  version: LineageNode;
  /** Parent first, then its parent, back to the first version. */
  ancestors: LineageNode[];
  datasets: {
    id: string;
    name: string;
    rankingIds: string[];
    demonstrationIds: string[];
    reportIds: string[];
  }[];
  reportIds: string[];
  contestEntries: { reportId: string; entryId: string }[];
}

export type PromotionResult = ModelVersion & { reloaded: boolean };

export const modelsApi = {
  versions: (kind: ModelKind | '', signal?: AbortSignal) =>
    api.get<{ data: ModelVersion[] }>(`/models/versions${query({ kind })}`, signal),
  serving: (signal?: AbortSignal) => api.get<Serving>('/models/serving', signal),
  lineage: (id: string, signal?: AbortSignal) =>
    api.get<Lineage>(`/models/${encodeURIComponent(id)}/lineage`, signal),
  promote: (id: string, reason: string) =>
    api.post<PromotionResult>(`/models/versions/${encodeURIComponent(id)}/promote`, { reason }),
  rollback: (kind: ModelKind, reason: string) =>
    api.post<PromotionResult>('/models/rollback', { kind, reason }),
};
