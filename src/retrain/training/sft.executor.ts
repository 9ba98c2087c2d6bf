import '../../ml/model/gradients.js';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { saveCheckpoint, loadCheckpoint } from '../../ml/checkpoint/checkpoint.js';
import { disposeParams, type GptModel } from '../../ml/model/gpt.js';
import { mulberry32 } from '../../ml/model/sampling.js';
import { shuffled } from '../../ml/rl/shuffle.js';
import { evaluateLoss, packBatch, type SftExample, SftTrainer } from '../../ml/train/sft.js';
import { ModelRegistryService, resolveCheckpoint } from '../../model/model-registry.service.js';
import { ModelService } from '../../model/model.service.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import type { RunContext, RunExecutor, RunOutcome } from '../runs/run-executor.js';
import { RunExecutors } from '../runs/run-executors.js';
import { ChatEncoding, copyTokenizer } from './chat-encoding.js';
import { datasetParam } from './reward.executor.js';
import { intParam, numberParam, refuseUnknown } from './run-params.js';
import { servingPolicy } from './serving-policy.js';

interface SftRunParams {
  datasetId: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  heldoutEvery: number;
  seed: number;
}

const SETTINGS = ['datasetId', 'epochs', 'batchSize', 'learningRate', 'heldoutEvery', 'seed'];

/**
 * Supervised fine-tuning of the serving policy on a snapshot's demonstrations (loss on the demonstrated
 * reply only). The result is registered as a candidate policy with its held-out loss before and after;
 * an operator promotes it (POST /models/versions/:id/promote).
 */
@Injectable()
export class SftExecutor implements RunExecutor, OnModuleInit {
  readonly kind = 'sft';

  constructor(
    private readonly executors: RunExecutors,
    private readonly registry: ModelRegistryService,
    private readonly models: ModelService,
    private readonly datasets: DatasetsService,
  ) {}

  onModuleInit(): void {
    this.executors.register(this);
  }

  async prepare(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    refuseUnknown(this.kind, params, SETTINGS);
    const prepared: SftRunParams = {
      datasetId: await datasetParam(this.datasets, params),
      epochs: intParam(params, 'epochs', 3, 1, 100),
      batchSize: intParam(params, 'batchSize', 8, 1, 256),
      learningRate: numberParam(params, 'learningRate', 1e-4, 1e-9, 1),
      heldoutEvery: intParam(params, 'heldoutEvery', 5, 2, 1000),
      seed: intParam(params, 'seed', 0, 0, 2 ** 31 - 1),
    };
    return { ...prepared };
  }

  async execute(context: RunContext): Promise<RunOutcome> {
    const params = context.run.params as unknown as SftRunParams;
    const data = await this.datasets.data(params.datasetId);
    if (data.demonstrations.length === 0) throw new Error(`dataset ${params.datasetId} has no demonstrations`);
    const incumbent = await servingPolicy(this.registry, this.models);
    const policyDir = resolveCheckpoint(incumbent.checkpointPath);
    const ckpt = await loadCheckpoint(policyDir, { trainable: true });
    const model: GptModel = { cfg: ckpt.cfg, params: ckpt.params };
    const trainer = new SftTrainer(model, { learningRate: params.learningRate });
    try {
      const encoding = await ChatEncoding.load(policyDir, model.cfg.vocabSize, model.cfg.contextLength);
      const examples: SftExample[] = data.demonstrations.map((d) => {
        const prompt = encoding.prompt(d.prompt);
        const reply = encoding.reply(d.prompt, d.content);
        return { ids: [...prompt, ...reply], mask: [...prompt.map(() => 0), ...reply.map(() => 1)] };
      });
      const heldout = examples.filter((_, i) => i % params.heldoutEvery === params.heldoutEvery - 1);
      const train = examples.filter((_, i) => i % params.heldoutEvery !== params.heldoutEvery - 1);
      const evaluated = heldout.length ? heldout : examples;
      const lossBefore = evaluateLoss(model, evaluated);

      const rng = mulberry32(params.seed);
      const perEpoch = Math.ceil(train.length / params.batchSize);
      const total = params.epochs * perEpoch;
      let step = 0;
      for (let epoch = 0; epoch < params.epochs; epoch++) {
        const order = shuffled(train.length, rng);
        for (let i = 0; i < order.length; i += params.batchSize) {
          const batch = packBatch(order.slice(i, i + params.batchSize).map((j) => train[j]), model.cfg.contextLength);
          const { loss, gradNorm } = trainer.trainStep(batch);
          await context.report(++step, total, { loss, gradNorm, epoch });
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const lossAfter = evaluateLoss(model, evaluated);
      const metrics = {
        datasetId: params.datasetId,
        trainExamples: train.length,
        heldoutExamples: heldout.length,
        lossOn: heldout.length ? 'heldout' : 'train',
        lossBefore,
        lossAfter,
      };
      const dir = join(context.dir, 'policy');
      await saveCheckpoint(dir, model.params, model.cfg, { kind: 'policy', metrics });
      await copyTokenizer(policyDir, dir);
      await context.checkpointed(step, dir);
      const version = await this.registry.registerCandidate({
        kind: 'policy',
        name: `policy-sft-${context.run.id.slice(0, 8)}`,
        checkpointPath: dir,
        parentId: incumbent.id,
        metrics,
        trainingRunId: context.run.id,
      });
      return { summary: metrics, modelVersionId: version.id };
    } finally {
      trainer.dispose();
      disposeParams(model.params);
    }
  }
}
