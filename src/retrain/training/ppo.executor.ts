import '../../ml/model/gradients.js';
import { BadRequestException, Injectable, OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { loadCheckpoint } from '../../ml/checkpoint/checkpoint.js';
import { loadOptimizerState } from '../../ml/checkpoint/optimizer-state.js';
import { disposeParams, type GptModel } from '../../ml/model/gpt.js';
import { loadRewardModel, disposeRewardModel, type RewardModel, scoreSequences } from '../../ml/rl/reward-model.js';
import { disposeHead, loadHead, type ScalarHead } from '../../ml/rl/head.js';
import { setTrainable } from '../../ml/rl/params.js';
import { sampleReplies, type Sample } from '../../ml/rl/ppo/sampler.js';
import { PpoTrainer, rewardModelScorer, VALUE_HEAD_FILE } from '../../ml/rl/ppo/trainer.js';
import { ModelRegistryService, resolveCheckpoint } from '../../model/model-registry.service.js';
import { ModelService } from '../../model/model.service.js';
import { ModerationService } from '../../moderation/moderation.service.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import type { PromptMessage } from '../data/retrain.entities.js';
import type { RunContext, RunExecutor, RunOutcome } from '../runs/run-executor.js';
import { RunExecutors } from '../runs/run-executors.js';
import { ChatEncoding, copyTokenizer } from './chat-encoding.js';
import { ppoGate, winRate } from './ppo-gate.js';
import { datasetParam } from './reward.executor.js';
import { intParam, numberParam, refuseUnknown, uuidParam } from './run-params.js';
import { runParentPolicy } from './serving-policy.js';
import { splitHeldout } from '../../ml/train/heldout-split.js';

interface PpoRunParams {
  datasetId: string;
  rewardModelId: string;
  steps: number;
  batchSize: number;
  miniBatchSize: number;
  ppoEpochs: number;
  maxNewTokens: number;
  learningRate: number;
  initKlCoef: number;
  targetKl: number;
  heldoutEvery: number;
  minWinRate: number;
  checkpointEvery: number;
  seed: number;
}

const SETTINGS = [
  'datasetId', 'rewardModelId', 'steps', 'batchSize', 'miniBatchSize', 'ppoEpochs', 'maxNewTokens', 'learningRate',
  'initKlCoef', 'targetKl', 'heldoutEvery', 'minWinRate', 'checkpointEvery', 'seed',
];

function distinctPrompts(prompts: PromptMessage[][]): PromptMessage[][] {
  const seen = new Map<string, PromptMessage[]>();
  for (const p of prompts) seen.set(JSON.stringify(p), p);
  return [...seen.values()];
}

/**
 * PPO on the serving policy against a reward model, then the gate: reward-model win rate against the
 * incumbent on held-out prompts and the content filter's flag rate on the red-team prompts (from accepted
 * reports) decide between promotion (with hot reload) and rejection.
 */
@Injectable()
export class PpoExecutor implements RunExecutor, OnModuleInit {
  readonly kind = 'ppo';

  constructor(
    private readonly executors: RunExecutors,
    private readonly registry: ModelRegistryService,
    private readonly models: ModelService,
    private readonly datasets: DatasetsService,
    private readonly moderation: ModerationService,
  ) {}

  onModuleInit(): void {
    this.executors.register(this);
  }

  async prepare(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    refuseUnknown(this.kind, params, SETTINGS);
    let rewardModelId = uuidParam(params, 'rewardModelId');
    if (rewardModelId) {
      const version = await this.registry.get(rewardModelId).catch(() => null);
      if (version?.kind !== 'reward') throw new BadRequestException('params.rewardModelId names no reward model version');
    } else {
      const serving = await this.registry.serving('reward');
      if (!serving) throw new BadRequestException('params.rewardModelId: no reward model has been trained yet (start a reward run)');
      rewardModelId = serving.id;
    }
    const prepared: PpoRunParams = {
      datasetId: await datasetParam(this.datasets, params),
      rewardModelId,
      steps: intParam(params, 'steps', 20, 1, 100_000),
      batchSize: intParam(params, 'batchSize', 8, 1, 512),
      miniBatchSize: intParam(params, 'miniBatchSize', 8, 1, 512),
      ppoEpochs: intParam(params, 'ppoEpochs', 4, 1, 50),
      maxNewTokens: intParam(params, 'maxNewTokens', 32, 1, 1024),
      learningRate: numberParam(params, 'learningRate', 1.41e-5, 1e-9, 1),
      initKlCoef: numberParam(params, 'initKlCoef', 0.02, 0, 10),
      targetKl: numberParam(params, 'targetKl', 6, 0.001, 1000),
      heldoutEvery: intParam(params, 'heldoutEvery', 4, 2, 1000),
      minWinRate: numberParam(params, 'minWinRate', 0.5, 0, 1),
      checkpointEvery: intParam(params, 'checkpointEvery', 10, 1, 100_000),
      seed: intParam(params, 'seed', 0, 0, 2 ** 31 - 1),
    };
    return { ...prepared };
  }

  async execute(context: RunContext): Promise<RunOutcome> {
    const params = context.run.params as unknown as PpoRunParams;
    const data = await this.datasets.data(params.datasetId);
    const resumeDir = context.run.checkpointPath;
    const incumbent = await runParentPolicy(this.registry, this.models, resumeDir);
    const rmVersion = await this.registry.get(params.rewardModelId);
    const policyDir = resolveCheckpoint(incumbent.checkpointPath);

    const owned: { models: GptModel[]; rm?: RewardModel; trainer?: PpoTrainer } = { models: [] };
    try {
      const start = await loadCheckpoint(resumeDir ?? policyDir, { trainable: true });
      const policy: GptModel = { cfg: start.cfg, params: start.params };
      owned.models.push(policy);
      const refCkpt = await loadCheckpoint(policyDir, { trainable: false });
      const reference: GptModel = { cfg: refCkpt.cfg, params: refCkpt.params };
      owned.models.push(reference);
      const rm = await loadRewardModel(resolveCheckpoint(rmVersion.checkpointPath), { trainable: false });
      owned.rm = rm;
      setTrainable([...rm.params.values(), rm.head.w, rm.head.b], false);
      if (rm.cfg.vocabSize !== policy.cfg.vocabSize) throw new Error('the reward model and the policy use different vocabularies');

      const encoding = await ChatEncoding.load(policyDir, policy.cfg.vocabSize, policy.cfg.contextLength);
      const all = distinctPrompts(data.rankings.map((r) => r.prompt)).map((p) => encoding.prompt(p, params.maxNewTokens));
      if (all.length === 0) throw new Error(`dataset ${params.datasetId} has no prompts`);
      const { train, heldout } = splitHeldout(all, params.heldoutEvery);
      const trainPrompts = train.length ? train : all;
      const evalPrompts = heldout.length ? heldout : all;
      const redTeam = distinctPrompts(data.rankings.filter((r) => r.reportId).map((r) => r.prompt)).map((p) => encoding.prompt(p, params.maxNewTokens));

      const ppoState = (start.extra?.ppo ?? {}) as { step?: number; beta?: number };
      const startStep = resumeDir ? (ppoState.step ?? 0) : 0;
      // A resumed run continues with the value head it trained (the trainer copies it), not the reward model's.
      const savedHead: ScalarHead | null = resumeDir ? await loadHead(join(resumeDir, VALUE_HEAD_FILE), policy.cfg.dModel) : null;
      const trainer = new PpoTrainer({
        policy,
        reference,
        scorer: rewardModelScorer(rm),
        valueHead: savedHead ?? rm.head,
        stopIds: [encoding.endId],
        startStep,
        config: {
          miniBatchSize: params.miniBatchSize,
          ppoEpochs: params.ppoEpochs,
          maxNewTokens: params.maxNewTokens,
          learningRate: params.learningRate,
          initKlCoef: resumeDir && ppoState.beta !== undefined ? ppoState.beta : params.initKlCoef,
          targetKl: params.targetKl,
          seed: params.seed,
        },
      });
      owned.trainer = trainer;
      if (savedHead) disposeHead(savedHead);
      if (resumeDir) {
        const optimizer = await loadOptimizerState(resumeDir);
        if (optimizer) trainer.restoreOptimizer(optimizer);
        await context.resumed(startStep, resumeDir);
      }

      let last: Record<string, number> = {};
      for (let step = startStep; step < params.steps; step++) {
        const batch = Array.from({ length: params.batchSize }, (_, j) => trainPrompts[(step * params.batchSize + j) % trainPrompts.length]);
        const { metrics } = await trainer.step(batch);
        last = Object.fromEntries(Object.entries(metrics).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
        await context.report(step + 1, params.steps, last);
        if ((step + 1) % params.checkpointEvery === 0 && step + 1 < params.steps) {
          const dir = join(context.dir, `checkpoint-${step + 1}`);
          await trainer.save(dir, { parentPolicyId: incumbent.id });
          await trainer.saveOptimizer(dir);
          await copyTokenizer(policyDir, dir);
          await context.checkpointed(step + 1, dir);
        }
      }

      // Evaluation: the same seeds for candidate and incumbent on each prompt set.
      const sampling = { maxNewTokens: params.maxNewTokens, stopIds: [encoding.endId], seed: params.seed + 1_000_003 };
      const score = (samples: Sample[]) => scoreSequences(rm, samples.map((s) => [...s.prompt, ...s.reply]));
      const [candEval, refEval] = [await sampleReplies(policy, evalPrompts, sampling), await sampleReplies(reference, evalPrompts, sampling)];
      const [candScores, refScores] = [score(candEval), score(refEval)];
      const mean = (xs: ArrayLike<number>) => (xs.length ? Array.from(xs).reduce((a, b) => a + b, 0) / xs.length : 0);
      const flagRate = async (model: GptModel): Promise<number | null> => {
        if (redTeam.length === 0) return null;
        const replies = (await sampleReplies(model, redTeam, sampling)).map((s) => encoding.decodeReply(s.reply));
        const results = await this.moderation.check(replies);
        return results.filter((r) => r.action !== 'allow').length / results.length;
      };
      const evaluation = {
        heldoutPrompts: evalPrompts.length,
        redTeamPrompts: redTeam.length,
        winRate: winRate(candScores, refScores),
        candidateReward: mean(candScores),
        incumbentReward: mean(refScores),
        kl: last.kl ?? null,
        candidateFlagRate: await flagRate(policy),
        incumbentFlagRate: await flagRate(reference),
      };
      const gate = ppoGate({ ...evaluation, minWinRate: params.minWinRate });

      const dir = join(context.dir, 'policy');
      const metrics = { datasetId: params.datasetId, rewardModelId: params.rewardModelId, reportIds: data.snapshot.reportIds, final: last, evaluation, gate };
      await trainer.save(dir, { metrics, parentPolicyId: incumbent.id });
      await copyTokenizer(policyDir, dir);
      await context.checkpointed(params.steps, dir);
      const version = await this.registry.registerCandidate({
        kind: 'policy',
        name: `policy-ppo-${context.run.id.slice(0, 8)}`,
        checkpointPath: dir,
        parentId: incumbent.id,
        metrics,
        trainingRunId: context.run.id,
      });
      if (gate.promote) {
        const promoted = await this.registry.promote(version.id, context.run.createdBy, `PPO gate: ${gate.reason}`);
        await this.models.reloadPolicy(promoted);
      } else {
        await this.registry.reject(version.id, gate.reason);
      }
      return { summary: { ...metrics, promoted: gate.promote }, modelVersionId: version.id };
    } finally {
      owned.trainer?.dispose();
      for (const m of owned.models) disposeParams(m.params);
      if (owned.rm) disposeRewardModel(owned.rm);
    }
  }
}
