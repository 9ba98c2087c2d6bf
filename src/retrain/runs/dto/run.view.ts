import type { RunMetric, TrainingRun } from '../training-run.entity.js';

export function runView(run: TrainingRun) {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    params: run.params,
    step: run.step,
    totalSteps: run.totalSteps,
    attempts: run.attempts,
    error: run.error,
    summary: run.summary,
    modelVersionId: run.modelVersionId,
    createdBy: run.createdBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export function metricView(metric: RunMetric) {
  return { id: metric.id, step: metric.step, values: metric.values, at: metric.createdAt.toISOString() };
}
