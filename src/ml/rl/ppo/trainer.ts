/**
 * One PPO step for language models (InstructGPT, Ziegler et al. 2019, TRL; REFERENCE §3):
 *
 *  1. sample a reply per prompt from the policy (temperature 1, no top-k/top-p: sampler.ts);
 *  2. score each prompt ++ reply (a reward model or any scripted scorer);
 *  3. one forward pass each of the policy (log π_old and values V_old from the value head on the policy
 *     trunk's hidden states) and of the frozen reference (log π_ref);
 *  4. per-token rewards −β(log π_old − log π_ref) + score on the last token (rewards.ts), GAE per
 *     sequence (gae.ts), advantages whitened over the batch;
 *  5. ppoEpochs passes over shuffled minibatches: clipped policy loss + valueCoef · clipped value loss
 *     (losses.ts), Adam over exactly the policy's and the value head's variables; optionally cut short
 *     once a minibatch's approximate KL to the rollout policy passes 1.5 × earlyStopKl (TRL);
 *  6. the adaptive controller moves β towards the target KL (kl-controller.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { saveCheckpoint } from '../../checkpoint/checkpoint.js';
import { saveOptimizerState } from '../../checkpoint/optimizer-state.js';
import { disposeParams, GptModel } from '../../model/gpt.js';
import { mulberry32 } from '../../model/sampling.js';
import { Adam, type AdamState, gradsClipped } from '../../train/optim.js';
import { copyHead, createHead, disposeHead, saveHead, ScalarHead } from '../head.js';
import { copyParams } from '../params.js';
import { RewardModel, scoreSequences } from '../reward-model.js';
import { shuffled } from '../shuffle.js';
import { PpoConfig, ppoConfig } from './config.js';
import { gae } from './gae.js';
import { AdaptiveKlController, FixedKlController, KlController } from './kl-controller.js';
import {
  clippedPolicyLoss,
  clippedValueLoss,
  entropyFromLogits,
  explainedVariance,
  meanStd,
  whiten,
} from './losses.js';
import { tokenRewards } from './rewards.js';
import { gatherActions, packSamples, policyOutputs, scatterActions } from './rollout.js';
import { Sample, sampleReplies } from './sampler.js';

export const VALUE_HEAD_FILE = 'value_head.safetensors';

/** Scores one batch of samples (higher is better): a reward model, or a scripted function in tests. */
export type Scorer = (samples: readonly Sample[]) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** A scorer reading a reward model on prompt ++ reply. Freeze the model first (setTrainable) if it is used only here. */
export function rewardModelScorer(rm: RewardModel, batchSize = 16): Scorer {
  return (samples) =>
    scoreSequences(
      rm,
      samples.map((s) => [...s.prompt, ...s.reply]),
      batchSize,
    );
}

export interface PpoTrainerOptions {
  /** Trained in place; every variable must be trainable. */
  policy: GptModel;
  /** Frozen (non-trainable) π_ref. Default: a frozen copy of the policy taken now, owned by the trainer. */
  reference?: GptModel;
  scorer: Scorer;
  /** Initial value head, copied (DESIGN §6: the reward model's head). Default: zeros. */
  valueHead?: ScalarHead;
  /** Token ids that end a reply (the tokenizer's `end`). */
  stopIds?: number[];
  config?: Partial<PpoConfig>;
  /** Steps already taken (resuming a run: seeds continue from here). */
  startStep?: number;
}

export interface PpoStepMetrics {
  step: number;
  /** Score (reward model or scorer) of the sampled replies: mean and standard deviation. */
  rewardMean: number;
  rewardStd: number;
  /** Mean over sequences of score − β·KL: what PPO maximises. */
  totalRewardMean: number;
  /** Mean over sequences of Σ_t (log π_old − log π_ref): the KL the controller steers. */
  kl: number;
  /** β used for this step's rewards, and β after the controller's update. */
  beta: number;
  nextBeta: number;
  /** Mean per-token entropy of the policy over the reply tokens (first minibatch pass … last, averaged). */
  entropy: number;
  approxKl: number;
  clipFraction: number;
  valueClipFraction: number;
  ratioMean: number;
  policyLoss: number;
  valueLoss: number;
  /** Of the rollout-time values against the GAE returns. */
  explainedVariance: number;
  /** Mean reply length in tokens (the stop token included when emitted). */
  replyLength: number;
  /** Fraction of replies that ended with a stop id. */
  stoppedFraction: number;
  gradNorm: number;
  /** Minibatch updates taken; fewer than ppoEpochs × ⌈batch / miniBatchSize⌉ when early stopping cut the step short. */
  minibatches: number;
  durationMs: number;
}

export interface PpoStepResult {
  metrics: PpoStepMetrics;
  samples: Sample[];
  scores: Float32Array;
}

/** Per-sequence arrays, one value per reply token. */
interface RowData {
  oldLogp: Float32Array[];
  oldValues: Float32Array[];
  advantages: Float32Array[];
  returns: Float32Array[];
}

const MINIBATCH_STATS = [
  'policyLoss',
  'valueLoss',
  'clipFraction',
  'approxKl',
  'ratioMean',
  'valueClipFraction',
  'entropy',
] as const;
type MinibatchStats = Record<(typeof MINIBATCH_STATS)[number] | 'gradNorm', number>;

export class PpoTrainer {
  readonly config: PpoConfig;
  readonly policy: GptModel;
  readonly reference: GptModel;
  readonly valueHead: ScalarHead;
  readonly klController: KlController;
  /** Exactly what the optimizer updates: the policy's parameters and `value.w`, `value.b`. */
  readonly variables: Map<string, tf.Variable>;
  private readonly optimizer: Adam;
  private readonly ownsReference: boolean;
  private readonly scorer: Scorer;
  private readonly stopIds: number[];
  private steps: number;

  constructor(opts: PpoTrainerOptions) {
    this.config = ppoConfig(opts.config);
    this.policy = opts.policy;
    const frozen = [...opts.policy.params.values()].filter((v) => !v.trainable);
    if (frozen.length > 0)
      throw new Error(
        `PpoTrainer: the policy has ${frozen.length} non-trainable variables (${frozen[0].name} …)`,
      );
    if (opts.reference) {
      if (
        [...opts.reference.params.values()].some(
          (v) => v.trainable || [...opts.policy.params.values()].includes(v),
        )
      ) {
        throw new Error(
          'PpoTrainer: the reference policy must be a separate, non-trainable copy (loadCheckpoint(dir, { trainable: false }))',
        );
      }
      if (JSON.stringify(opts.reference.cfg) !== JSON.stringify(opts.policy.cfg))
        throw new Error('PpoTrainer: reference and policy configs differ');
    }
    this.reference = opts.reference ?? {
      cfg: opts.policy.cfg,
      params: copyParams(opts.policy.params, false),
    };
    this.ownsReference = !opts.reference;
    this.valueHead = opts.valueHead ? copyHead(opts.valueHead, true) : createHead(opts.policy.cfg.dModel);
    this.klController = this.config.adaptiveKl
      ? new AdaptiveKlController(
          this.config.initKlCoef,
          this.config.targetKl,
          this.config.klHorizon,
          this.config.minKlCoef,
        )
      : new FixedKlController(this.config.initKlCoef);
    this.variables = new Map([
      ...opts.policy.params,
      ['value.w', this.valueHead.w],
      ['value.b', this.valueHead.b],
    ]);
    this.optimizer = new Adam(this.variables, { learningRate: this.config.learningRate });
    this.scorer = opts.scorer;
    this.stopIds = opts.stopIds ?? [];
    this.steps = opts.startStep ?? 0;
  }

  /** PPO steps taken so far. */
  get stepCount(): number {
    return this.steps;
  }

  /** One PPO iteration on a batch of prompts (token ids). */
  async step(prompts: readonly number[][]): Promise<PpoStepResult> {
    const started = performance.now();
    const c = this.config;
    const seed = c.seed + this.steps;
    const samples = await sampleReplies(this.policy, prompts, {
      maxNewTokens: c.maxNewTokens,
      stopIds: this.stopIds,
      seed,
    });
    const scores = Float32Array.from(await this.scorer(samples));
    if (scores.length !== samples.length)
      throw new Error(`PpoTrainer: scorer gave ${scores.length} scores for ${samples.length} samples`);
    if (!scores.every(Number.isFinite)) throw new Error('PpoTrainer: scorer gave a non-finite score');

    const { logp, refLogp, values } = this.rolloutStats(samples);
    const beta = this.klController.value;
    const rows = samples.map((_, b) => {
      const r = tokenRewards(logp[b], refLogp[b], scores[b], beta);
      return { ...r, ...gae(r.rewards, values[b], c.gamma, c.lambda) };
    });
    const data: RowData = {
      oldLogp: logp,
      oldValues: values,
      advantages: c.whitenAdvantages
        ? splitLike(whiten(concat(rows.map((r) => r.advantages))), logp)
        : rows.map((r) => r.advantages),
      returns: rows.map((r) => r.returns),
    };

    const rng = mulberry32(seed ^ 0x5bd1e995);
    const stats: MinibatchStats[] = [];
    let earlyStopped = false;
    for (let epoch = 0; epoch < c.ppoEpochs && !earlyStopped; epoch++) {
      const order = shuffled(samples.length, rng);
      for (let i = 0; i < order.length && !earlyStopped; i += c.miniBatchSize) {
        stats.push(this.trainMinibatch(order.slice(i, i + c.miniBatchSize), samples, data));
        earlyStopped = stats.at(-1)!.approxKl > 1.5 * c.earlyStopKl;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }

    const kl = rows.reduce((a, r) => a + r.klSum, 0) / rows.length;
    const nextBeta = this.klController.update(kl, samples.length);
    const score = meanStd(scores);
    const avg = (k: keyof MinibatchStats) => stats.reduce((a, s) => a + s[k], 0) / stats.length;
    this.steps++;
    const metrics: PpoStepMetrics = {
      step: this.steps,
      rewardMean: score.mean,
      rewardStd: score.std,
      totalRewardMean: score.mean - beta * kl,
      kl,
      beta,
      nextBeta,
      entropy: avg('entropy'),
      approxKl: avg('approxKl'),
      clipFraction: avg('clipFraction'),
      valueClipFraction: avg('valueClipFraction'),
      ratioMean: avg('ratioMean'),
      policyLoss: avg('policyLoss'),
      valueLoss: avg('valueLoss'),
      explainedVariance: explainedVariance(concat(values), concat(data.returns)),
      replyLength: samples.reduce((a, s) => a + s.reply.length, 0) / samples.length,
      stoppedFraction: samples.filter((s) => s.stopped).length / samples.length,
      gradNorm: avg('gradNorm'),
      minibatches: stats.length,
      durationMs: performance.now() - started,
    };
    return { metrics, samples, scores };
  }

  /** log π_old, log π_ref and V_old of every reply token, per sequence. */
  private rolloutStats(samples: readonly Sample[]): {
    logp: Float32Array[];
    refLogp: Float32Array[];
    values: Float32Array[];
  } {
    const packed = packSamples(samples);
    const [logp, refLogp, values] = tf.tidy(() => {
      const own = policyOutputs(this.policy.params, this.policy.cfg, this.valueHead, packed);
      const ref = policyOutputs(this.reference.params, this.reference.cfg, null, packed);
      return [own.logp, ref.logp, own.values!].map((t) => t.dataSync() as Float32Array);
    });
    return {
      logp: gatherActions(packed, logp),
      refLogp: gatherActions(packed, refLogp),
      values: gatherActions(packed, values),
    };
  }

  private trainMinibatch(indices: number[], samples: readonly Sample[], data: RowData): MinibatchStats {
    const c = this.config;
    const packed = packSamples(indices.map((i) => samples[i]));
    const flat = (rows: Float32Array[]) =>
      scatterActions(
        packed,
        indices.map((i) => rows[i]),
      );
    const [oldLogp, oldValues, advantages, returns] = [
      data.oldLogp,
      data.oldValues,
      data.advantages,
      data.returns,
    ].map(flat);
    let kept: tf.Tensor[] = [];
    const { loss, grads, norm } = gradsClipped(
      () => {
        const out = policyOutputs(this.policy.params, this.policy.cfg, this.valueHead, packed);
        const mask = tf.tensor1d(packed.mask);
        const pg = clippedPolicyLoss(
          out.logp,
          tf.tensor1d(oldLogp),
          tf.tensor1d(advantages),
          mask,
          c.clipRange,
        );
        const vf = clippedValueLoss(
          out.values!,
          tf.tensor1d(oldValues),
          tf.tensor1d(returns),
          mask,
          c.clipRangeValue,
        );
        const entropy = entropyFromLogits(out.logits, mask);
        kept = [pg.loss, vf.loss, pg.clipFraction, pg.approxKl, pg.ratioMean, vf.clipFraction, entropy].map(
          (t) => tf.keep(t),
        );
        const total = tf.add(pg.loss, tf.mul(c.valueCoef, vf.loss));
        return (c.entropyCoef > 0 ? tf.sub(total, tf.mul(c.entropyCoef, entropy)) : total) as tf.Scalar;
      },
      this.variables,
      Number.isFinite(c.clipNorm) ? c.clipNorm : undefined,
    );
    try {
      this.optimizer.apply(grads);
      const values = kept.map((t) => t.dataSync()[0]);
      const stats = Object.fromEntries(MINIBATCH_STATS.map((k, i) => [k, values[i]])) as MinibatchStats;
      stats.gradNorm = norm.dataSync()[0];
      return stats;
    } finally {
      tf.dispose([loss, norm, ...grads.values(), ...kept]);
    }
  }

  /**
   * The policy as a checkpoint directory (checkpoint.ts) plus `value_head.safetensors`; config.json's
   * extra holds { kind: 'policy', valueHead, ppo: { step, beta } } and whatever `extra` adds.
   */
  async save(dir: string, extra: Record<string, unknown> = {}): Promise<void> {
    await mkdir(dir, { recursive: true });
    await saveHead(join(dir, VALUE_HEAD_FILE), this.valueHead, { kind: 'value-head' });
    const ppo = { step: this.steps, beta: this.klController.value };
    await saveCheckpoint(dir, this.policy.params, this.policy.cfg, {
      kind: 'policy',
      valueHead: VALUE_HEAD_FILE,
      ppo,
      ...extra,
    });
  }

  /** Adds Adam's moments to a checkpoint written by `save`, for a run that may be resumed from it. */
  async saveOptimizer(dir: string): Promise<void> {
    await saveOptimizerState(dir, await this.optimizer.state());
  }

  /** Continues with the moments of a resumed checkpoint instead of fresh ones. */
  restoreOptimizer(state: AdamState): void {
    this.optimizer.restore(state);
  }

  /** Frees the optimizer state, the value head and the reference when the trainer made it; the policy stays. */
  dispose(): void {
    this.optimizer.dispose();
    disposeHead(this.valueHead);
    if (this.ownsReference) disposeParams(this.reference.params);
  }
}

function concat(rows: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(rows.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of rows) out.set(r, (at += r.length) - r.length);
  return out;
}

function splitLike(flat: Float32Array, like: readonly Float32Array[]): Float32Array[] {
  let at = 0;
  return like.map((r) => flat.slice(at, (at += r.length)));
}
