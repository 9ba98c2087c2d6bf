import type { ModelRegistryService } from '../../model/model-registry.service.js';
import type { ModelService } from '../../model/model.service.js';
import type { ModelVersion } from '../../model/model-version.entity.js';

/** The policy version chat is served from: the registry's serving row, else the one the embedded provider loaded. */
export async function servingPolicy(registry: ModelRegistryService, models: ModelService): Promise<ModelVersion> {
  const serving = await registry.serving('policy');
  if (serving) return serving;
  const id = models.provider.modelVersionId;
  if (!id) throw new Error('no embedded policy is serving: reward and PPO runs start from its checkpoint');
  return registry.get(id);
}
