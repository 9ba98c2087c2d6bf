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

export const modelsApi = {
  versions: (kind: ModelKind | '', signal?: AbortSignal) =>
    api.get<{ data: ModelVersion[] }>(`/models/versions${query({ kind })}`, signal),
  serving: (signal?: AbortSignal) => api.get<Serving>('/models/serving', signal),
};
