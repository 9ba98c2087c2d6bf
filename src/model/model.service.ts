import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { ModelRegistryService } from './model-registry.service.js';
import type { ModelVersion } from './model-version.entity.js';
import type { ChatProvider } from './providers/chat-provider.js';
import { EmbeddedProvider } from './providers/embedded.provider.js';
import { RemoteProvider } from './providers/remote.provider.js';

/** Owns the chat provider chosen by MODEL_PROVIDER; everything that needs a reply asks it. */
@Injectable()
export class ModelService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ModelService.name);
  private current: ChatProvider | undefined;
  private reloading: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ModelRegistryService,
  ) {}

  async onModuleInit(): Promise<void> {
    const model = this.config.model;
    if (model.provider === 'openai-compatible') {
      this.current = new RemoteProvider(model.baseUrl!, model.name!, model.apiKey);
    } else {
      const version = await this.registry.ensureServingPolicy(model.policyCheckpoint);
      this.current = await EmbeddedProvider.start(version, { maxQueue: model.inferenceQueueSize, backend: model.tfjsBackend });
    }
    this.logger.log({ msg: 'chat model ready', ...this.current.describe() });
  }

  /**
   * The project's own policy for training runs to start from when nothing is serving yet (chat served by a
   * remote model): POLICY_CHECKPOINT or the shipped default, registered as the serving policy version.
   */
  ensureLocalPolicy(): Promise<ModelVersion> {
    return this.registry.ensureServingPolicy(this.config.model.policyCheckpoint);
  }

  get provider(): ChatProvider {
    if (!this.current) throw new Error('chat model is not started');
    return this.current;
  }

  /**
   * Hot-swaps the served policy after a promotion or rollback (embedded provider only; a remote server is
   * swapped outside). Reloads run one at a time; asking for the version already loaded loads nothing.
   * True when the provider serves `version` afterwards.
   */
  reloadPolicy(version: ModelVersion): Promise<boolean> {
    const next = this.reloading.then(async () => {
      const provider = this.current;
      if (!(provider instanceof EmbeddedProvider)) return false;
      if (provider.modelVersionId === version.id) return true;
      await provider.reload(version);
      this.logger.log({ msg: 'policy reloaded', model: version.name, id: version.id });
      return true;
    });
    this.reloading = next.catch(() => false);
    return next;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.current?.close();
  }
}
