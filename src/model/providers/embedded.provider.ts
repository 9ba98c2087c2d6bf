import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import { InferenceClient, PromptTooLongInWorkerError, QueueFullError } from '../../ml/serving/inference-client.js';
import type { ModelVersion } from '../model-version.entity.js';
import { resolveCheckpoint } from '../model-registry.service.js';
import type { ChatMessage, ChatProvider, ChatSampling, Completion } from './chat-provider.js';

export const RETRY_AFTER_SECONDS = 2;

export class ModelBusyException extends HttpException {
  constructor(message: string) {
    super({ message, retryAfter: RETRY_AFTER_SECONDS }, HttpStatus.SERVICE_UNAVAILABLE);
  }
}

/** Serves a policy checkpoint from the inference worker thread. */
export class EmbeddedProvider implements ChatProvider {
  readonly kind = 'embedded';
  private client: InferenceClient;
  private version: ModelVersion;

  private constructor(version: ModelVersion, client: InferenceClient) {
    this.version = version;
    this.client = client;
  }

  static async start(version: ModelVersion, options: { maxQueue: number; backend?: string }): Promise<EmbeddedProvider> {
    const client = new InferenceClient(resolveCheckpoint(version.checkpointPath), options);
    await client.load();
    return new EmbeddedProvider(version, client);
  }

  get modelId(): string {
    return this.version.name;
  }

  get modelVersionId(): string {
    return this.version.id;
  }

  /** Swaps the served checkpoint without a restart (promotion, rollback). */
  async reload(version: ModelVersion): Promise<void> {
    await this.client.load(resolveCheckpoint(version.checkpointPath));
    this.version = version;
  }

  async complete(messages: ChatMessage[], sampling: ChatSampling, onDelta: (text: string) => void, signal?: AbortSignal): Promise<Completion> {
    try {
      return await this.client.generate(messages, sampling, onDelta, signal);
    } catch (error) {
      if (error instanceof QueueFullError) throw new ModelBusyException(`${error.message}; retry in ${RETRY_AFTER_SECONDS} s`);
      if (error instanceof PromptTooLongInWorkerError) throw new BadRequestException(`messages are too long: ${error.message}`);
      throw error;
    }
  }

  describe() {
    const info = this.client.policyInfo;
    return { provider: this.kind, model: this.modelId, backend: info?.backend, contextLength: info?.contextLength, queued: this.client.pending };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
