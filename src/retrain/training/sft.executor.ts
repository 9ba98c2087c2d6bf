import '../../ml/model/gradients.js';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { saveCheckpoint, loadCheckpoint } from '../../ml/checkpoint/checkpoint.js';
import { loadOptimizerState, saveOptimizerState } from '../../ml/checkpoint/optimizer-state.js';
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
import { runParentPolicy } from './serving-policy.js';
import { splitHeldout } from '../../ml/train/heldout-split.js';

interface SftRunParams {
  datasetId: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  heldoutEvery: number;
  /** Steps between checkpoints (weights and optimizer state) a run resumes from if its worker dies. */
  checkpointEvery: number;
  seed: number;
}

const SETTINGS = ['datasetId', 'epochs', 'batchSize', 'learningRate', 'heldoutEvery', 'checkpointEvery', 'seed'];

/** What an SFT checkpoint records besides the weights (config.json `extra.sft`). */
interface SftProgress {
  step: number;
  lossBefore: number;
}

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
      checkpointEvery: intParam(params, 'checkpointEvery', 100, 1, 1_000_000),
      seed: intParam(params, 'seed', 0, 0, 2 ** 31 - 1),
    };
    return { ...prepared };
  }

  async execute(context: RunContext): Promise<RunOutcome> {
    const params = context.run.params as unknown as SftRunParams;
    const data = await this.datasets.data(params.datasetId);
    if (data.demonstrations.length === 0) throw new Error(`dataset ${params.datasetId} has no demonstrations`);
    const resumeDir = context.run.checkpointPath;
    const incumbent = await runParentPolicy(this.registry, this.models, resumeDir);
    const policyDir = resolveCheckpoint(incumbent.checkpointPath);
    const ckpt = await loadCheckpoint(resumeDir ?? policyDir, { trainable: true });
    const model: GptModel = { cfg: ckpt.cfg, params: ckpt.params };
    const trainer = new SftTrainer(model, { learningRate: params.learningRate });
    const resumedAt = resumeDir ? (ckpt.extra?.sft as SftProgress | undefined) : undefined;
    try {
      if (resumeDir && !resumedAt) throw new Error(`checkpoint ${resumeDir} does not say which SFT step it was taken at`);
      if (resumeDir && resumedAt) {
        const optimizer = await loadOptimizerState(resumeDir);
        if (optimizer) trainer.optimizer.restore(optimizer);
        await context.resumed(resumedAt.step, resumeDir);
      }
      const encoding = await ChatEncoding.load(policyDir, model.cfg.vocabSize, model.cfg.contextLength);
      const examples: SftExample[] = data.demonstrations.map((d) => {
        const prompt = encoding.prompt(d.prompt);
        const reply = encoding.reply(d.prompt, d.content);
        return { ids: [...prompt, ...reply], mask: [...prompt.map(() => 0), ...reply.map(() => 1)] };
      });
      const { train, heldout } = splitHeldout(examples, params.heldoutEvery);
      const evaluated = heldout.length ? heldout : examples;
      const lossBefore = resumedAt?.lossBefore ?? evaluateLoss(model, evaluated);

      // The shuffles are replayed from the seed on resume, so the steps after the checkpoint see the same batches.
      const rng = mulberry32(params.seed);
      const perEpoch = Math.ceil(train.length / params.batchSize);
      const total = params.epochs * perEpoch;
      let step = 0;
      for (let epoch = 0; epoch < params.epochs; epoch++) {
        const order = shuffled(train.length, rng);
        for (let i = 0; i < order.length; i += params.batchSize) {
          if (++step <= (resumedAt?.step ?? 0)) continue;
          const batch = packBatch(order.slice(i, i + params.batchSize).map((j) => train[j]), model.cfg.contextLength);
          const { loss, gradNorm } = trainer.trainStep(batch);
          await context.report(step, total, { loss, gradNorm, epoch });
          if (step % params.checkpointEvery === 0 && step < total) {
            const dir = join(context.dir, `checkpoint-${step}`);
            await saveCheckpoint(dir, model.params, model.cfg, { kind: 'policy', parentPolicyId: incumbent.id, sft: { step, lossBefore } satisfies SftProgress });
            await saveOptimizerState(dir, await trainer.optimizer.state());
            await copyTokenizer(policyDir, dir);
            await context.checkpointed(step, dir);
          }
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
      await saveCheckpoint(dir, model.params, model.cfg, { kind: 'policy', metrics, parentPolicyId: incumbent.id, sft: { step, lossBefore } satisfies SftProgress });
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
