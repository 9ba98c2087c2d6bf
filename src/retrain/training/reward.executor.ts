import '../../ml/model/gradients.js';
import { BadRequestException, Injectable, OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { loadCheckpoint } from '../../ml/checkpoint/checkpoint.js';
import { disposeParams } from '../../ml/model/gpt.js';
import { rankingPairs, type Ranking } from '../../ml/rl/ranking.js';
import { createRewardModel, disposeRewardModel, saveRewardModel } from '../../ml/rl/reward-model.js';
import { normaliseRewards, pairAccuracy, trainRewardModel } from '../../ml/rl/reward-train.js';
import { ModelRegistryService, resolveCheckpoint } from '../../model/model-registry.service.js';
import { ModelService } from '../../model/model.service.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import type { RunContext, RunExecutor, RunOutcome } from '../runs/run-executor.js';
import { RunExecutors } from '../runs/run-executors.js';
import { ChatEncoding, copyTokenizer } from './chat-encoding.js';
import { intParam, numberParam, refuseUnknown, uuidParam } from './run-params.js';
import { servingPolicy } from './serving-policy.js';
import { splitHeldout } from '../../ml/train/heldout-split.js';

interface RewardRunParams {
  datasetId: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Every n-th ranking is held out for pair accuracy. */
  heldoutEvery: number;
  seed: number;
}

const SETTINGS = ['datasetId', 'epochs', 'batchSize', 'learningRate', 'heldoutEvery', 'seed'];

/** Resolves `datasetId` (default: the latest snapshot) when the run is queued, so the run is pinned to it. */
export async function datasetParam(datasets: DatasetsService, params: Record<string, unknown>): Promise<string> {
  const id = uuidParam(params, 'datasetId');
  if (id) {
    await datasets.get(id).catch(() => {
      throw new BadRequestException('params.datasetId names no dataset snapshot');
    });
    return id;
  }
  const latest = await datasets.latest();
  if (!latest) throw new BadRequestException('params.datasetId: no dataset snapshot exists yet (POST /retrain/datasets)');
  return latest.id;
}

/**
 * Trains a reward model on a snapshot's rankings: the serving policy's trunk plus a scalar head, all pairs
 * of a ranking in one batch element; reports held-out pair accuracy; shifts scores so the snapshot's
 * demonstrations average 0; registers it as the serving reward model (PPO reads it).
 */
@Injectable()
export class RewardExecutor implements RunExecutor, OnModuleInit {
  readonly kind = 'reward';

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
    const prepared: RewardRunParams = {
      datasetId: await datasetParam(this.datasets, params),
      epochs: intParam(params, 'epochs', 1, 1, 50),
      batchSize: intParam(params, 'batchSize', 8, 1, 128),
      learningRate: numberParam(params, 'learningRate', 1e-4, 1e-8, 1),
      heldoutEvery: intParam(params, 'heldoutEvery', 5, 2, 1000),
      seed: intParam(params, 'seed', 0, 0, 2 ** 31 - 1),
    };
    return { ...prepared };
  }

  async execute(context: RunContext): Promise<RunOutcome> {
    const params = context.run.params as unknown as RewardRunParams;
    const data = await this.datasets.data(params.datasetId);
    const policy = await servingPolicy(this.registry, this.models);
    const policyDir = resolveCheckpoint(policy.checkpointPath);
    const ckpt = await loadCheckpoint(policyDir, { trainable: false });
    const encoding = await ChatEncoding.load(policyDir, ckpt.cfg.vocabSize, ckpt.cfg.contextLength);

    const rankings: Ranking[] = data.rankings
      .filter((r) => rankingPairs(r.ranks).length > 0)
      .map((r) => ({ prompt: encoding.prompt(r.prompt), replies: r.candidates.map((c) => encoding.reply(r.prompt, c)), ranks: r.ranks }));
    if (rankings.length === 0) {
      disposeParams(ckpt.params);
      throw new Error(`dataset ${params.datasetId} has no ranking with a strict preference to learn from`);
    }
    const { train, heldout } = splitHeldout(rankings, params.heldoutEvery);

    const rm = createRewardModel({ cfg: ckpt.cfg, params: ckpt.params }, { seed: params.seed });
    disposeParams(ckpt.params);
    try {
      const abort = new AbortController();
      let stopped: unknown;
      const reports: Promise<void>[] = [];
      const result = await trainRewardModel(rm, train.length ? train : rankings, {
        epochs: params.epochs,
        batchSize: params.batchSize,
        learningRate: params.learningRate,
        seed: params.seed,
        signal: abort.signal,
        onProgress: (p) =>
          void reports.push(
            context.report(p.step, p.totalSteps, { loss: p.loss, gradNorm: p.gradNorm }).catch((error: unknown) => {
              stopped ??= error;
              abort.abort();
            }),
          ),
      });
      await Promise.all(reports);
      if (stopped) throw stopped;
      if (result.aborted) throw new Error('reward training stopped');

      const evaluated = heldout.length ? heldout : rankings;
      const accuracy = pairAccuracy(rm, evaluated);
      const demonstrations = data.demonstrations.map((d) => [...encoding.prompt(d.prompt), ...encoding.reply(d.prompt, d.content)]);
      const normalisation = demonstrations.length ? normaliseRewards(rm, demonstrations) : null;

      const metrics = {
        datasetId: params.datasetId,
        trainRankings: train.length || rankings.length,
        heldoutRankings: heldout.length,
        /** With no held-out rankings the accuracy is measured on the training rankings (marked here). */
        accuracyOn: heldout.length ? 'heldout' : 'train',
        pairAccuracy: accuracy.accuracy,
        pairs: accuracy.pairs,
        finalLoss: result.losses.at(-1) ?? null,
        normalisation: normalisation ?? { skipped: 'the snapshot has no demonstrations' },
        reportIds: data.snapshot.reportIds,
      };
      const dir = join(context.dir, 'reward');
      await saveRewardModel(dir, rm, { metrics });
      await copyTokenizer(policyDir, dir);
      await context.checkpointed(result.steps, dir);
      const version = await this.registry.registerCandidate({
        kind: 'reward',
        name: `reward-${context.run.id.slice(0, 8)}`,
        checkpointPath: dir,
        parentId: policy.id,
        metrics,
        trainingRunId: context.run.id,
      });
      await this.registry.promote(version.id, context.run.createdBy, `reward model trained on dataset ${params.datasetId}`);
      return { summary: { ...metrics, rewardModelId: version.id }, modelVersionId: version.id };
    } finally {
      disposeRewardModel(rm);
    }
  }
}
