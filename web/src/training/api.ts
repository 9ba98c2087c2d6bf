import { ApiError, api, errorFromResponse, isAbort, NETWORK_ERROR, query, send, type Page } from '../lib/api';
import { readEvents } from '../lib/sse';
import type { RunKind } from './run-settings';

export type { RunKind };
export type RunStatus = 'queued' | 'running' | 'cancelling' | 'cancelled' | 'succeeded' | 'failed';
export const FINISHED: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export interface Run {
  id: string;
  kind: RunKind;
  status: RunStatus;
  params: Record<string, unknown>;
  step: number;
  totalSteps: number | null;
  attempts: number;
  error: string | null;
  summary: Record<string, unknown>;
  modelVersionId: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunMetric {
  id: string;
  step: number;
  values: Record<string, number>;
  /** When the step was logged (ISO). */
  at: string;
}

export interface Dataset {
  id: string;
  name: string;
  rankingIds: string[];
  demonstrationIds: string[];
  reportIds: string[];
  createdBy: string | null;
  createdAt: string;
}

export type TaskStatus = 'sampling' | 'open' | 'complete' | 'failed';

export const trainingApi = {
  runs: (cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<Run>>(`/runs${query({ limit: 20, cursor })}`, signal),
  run: (id: string, signal?: AbortSignal) => api.get<Run>(`/runs/${encodeURIComponent(id)}`, signal),
  metrics: (id: string, signal?: AbortSignal) =>
    api.get<{ data: RunMetric[] }>(`/runs/${encodeURIComponent(id)}/metrics`, signal),
  start: (kind: RunKind, params: Record<string, unknown>) => api.post<Run>('/runs', { kind, params }),
  cancel: (id: string) => api.post<Run>(`/runs/${encodeURIComponent(id)}/cancel`),
  datasets: (cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<Dataset>>(`/retrain/datasets${query({ limit: 100, cursor })}`, signal),
  createDataset: (name: string) => api.post<Dataset>('/retrain/datasets', { name }),
  /** One page of tasks in a status: enough to say "n" or "more than n". */
  tasks: (status: TaskStatus, signal?: AbortSignal) =>
    api.get<Page<unknown>>(`/retrain/tasks${query({ status, limit: 100 })}`, signal),
};

export function exportUrl(id: string, format: 'trl' | 'hh' | 'openai'): string {
  return `/retrain/datasets/${encodeURIComponent(id)}/export${query({ format })}`;
}

export interface RunStreamHandlers {
  onRun: (run: Run) => void;
  onMetric: (metric: RunMetric) => void;
}

/**
 * Follows GET /runs/:id/events (`run` on each status or progress change, `metric` per logged step) until
 * the run ends. Resolves when the stream ends; rejects with an ApiError when it cannot be opened or breaks.
 */
export async function followRun(id: string, handlers: RunStreamHandlers, signal: AbortSignal): Promise<void> {
  let res: Response;
  try {
    res = await send('GET', `/runs/${encodeURIComponent(id)}/events`, {
      signal,
      headers: { Accept: 'text/event-stream' },
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw error instanceof ApiError ? error : new ApiError(NETWORK_ERROR);
  }
  if (!res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    throw await errorFromResponse(res);
  }
  try {
    for await (const event of readEvents(res.body)) {
      if (event.event === 'run') handlers.onRun(JSON.parse(event.data) as Run);
      else if (event.event === 'metric') handlers.onMetric(JSON.parse(event.data) as RunMetric);
    }
  } catch (error) {
    if (isAbort(error) || signal.aborted) throw error;
    throw new ApiError(NETWORK_ERROR);
  }
}
