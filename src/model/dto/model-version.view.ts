import type { ModelVersion } from '../model-version.entity.js';

export function modelVersionView(version: ModelVersion) {
  return {
    id: version.id,
    kind: version.kind,
    name: version.name,
    parentId: version.parentId,
    status: version.status,
    checkpointPath: version.checkpointPath,
    metrics: version.metrics,
    trainingRunId: version.trainingRunId,
    createdAt: version.createdAt.toISOString(),
    promotedAt: version.promotedAt?.toISOString() ?? null,
  };
}
