import type { EntityManager } from 'typeorm';
import type { ModelVersion } from './model-version.entity.js';

/** PostgreSQL channel on which promotions and rollbacks announce the new serving version. */
export const SERVING_CHANNEL = 'model_serving_changed';

export interface ServingChange {
  kind: ModelVersion['kind'];
  id: string;
}

/** Sent inside the promoting transaction: PostgreSQL delivers it on commit, and never if it rolls back. */
export async function announceServingChange(
  manager: EntityManager,
  version: Pick<ModelVersion, 'kind' | 'id'>,
): Promise<void> {
  const change: ServingChange = { kind: version.kind, id: version.id };
  await manager.query('SELECT pg_notify($1, $2)', [SERVING_CHANNEL, JSON.stringify(change)]);
}
