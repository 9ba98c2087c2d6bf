import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../../ml/checkpoint/checkpoint.js';
import type { ModelRegistryService } from '../../model/model-registry.service.js';
import type { ModelService } from '../../model/model.service.js';
import type { ModelVersion } from '../../model/model-version.entity.js';

/**
 * The policy runs train from: the registry's serving row, else the one the embedded provider loaded. A server
 * that chats through a remote model has neither until its first run: it trains the project's own policy
 * (POLICY_CHECKPOINT or the shipped default, registered as the serving policy version on first use).
 */
export async function servingPolicy(registry: ModelRegistryService, models: ModelService): Promise<ModelVersion> {
  const serving = await registry.serving('policy');
  if (serving) return serving;
  const id = models.provider.modelVersionId;
  return id ? registry.get(id) : models.ensureLocalPolicy();
}

/**
 * The policy a run trains from: the serving one when it starts, and on resume the one it started from
 * (recorded in its checkpoints as `parentPolicyId`), even if another version was promoted meanwhile.
 */
export async function runParentPolicy(registry: ModelRegistryService, models: ModelService, resumeDir: string | null): Promise<ModelVersion> {
  if (resumeDir) {
    const json = JSON.parse(await readFile(join(resumeDir, CONFIG_FILE), 'utf8')) as { extra?: { parentPolicyId?: string } };
    if (json.extra?.parentPolicyId) return registry.get(json.extra.parentPolicyId);
  }
  return servingPolicy(registry, models);
}
