/**
 * The RLHF loop run against simulated trainers (DESIGN §6, REFERENCE §3). Each iteration:
 *
 *  1. sample K candidates per prompt from the current policy (temperature 1); the simulated trainers
 *     rank them by the true preference plus Gaussian noise;
 *  2. train the reward model (a copy of the SFT trunk: a new one each iteration, or the previous one
 *     again: config.rewardInit) on all train rankings collected so far (or only the new ones:
 *     config.rewardData); measure its pair accuracy on rankings of held-out prompts; normalise it so the
 *     SFT demonstrations score mean 0;
 *  3. PPO against the reward model, with the frozen SFT policy as reference (one trainer for the whole
 *     run, its value head initialised from the reward model's head);
 *  4. evaluate on held-out prompts: the true preference score of policy samples, their win rate against
 *     SFT samples for the same prompts, and the KL of the policy to the SFT reference on its samples.
 *
 * Iteration 0 reports the SFT policy itself.
 */
import { disposeParams, GptModel } from '../model/gpt.js';
import { mulberry32, Rng } from '../model/sampling.js';
import { copyParams } from '../rl/params.js';
import { PpoStepMetrics, PpoTrainer, rewardModelScorer } from '../rl/ppo/trainer.js';
import { Sample, sampleReplies } from '../rl/ppo/sampler.js';
import type { Ranking } from '../rl/ranking.js';
import { createRewardModel, disposeRewardModel, scoreSequences } from '../rl/reward-model.js';
import { normaliseRewards, pairAccuracy, trainRewardModel } from '../rl/reward-train.js';
import { shuffled } from '../rl/shuffle.js';
import { SimulationConfig, simulationConfig } from './config.js';
import { forwardFlops, trainFlops } from './flops.js';
import { mean, std, sequenceKl, trainerAgreement, winRate } from './metrics.js';
import type { ScoreFn } from './preference.js';
import type { PromptSet } from './prompts.js';
import { ranksByScore, SimulatedTrainers } from './trainers.js';

export interface SimulationInput {
  /** The SFT policy: trained in place (copy it first to keep it). */
  policy: GptModel;
  /** Token ids of a reply (without its stop id) → the text the preference scores. */
  decode: (ids: number[]) => string;
  /** The id that ends a reply. */
  stopId: number;
  prompts: PromptSet;
  preference: ScoreFn;
  config?: Partial<SimulationConfig>;
  /** Called with each iteration's report as soon as it is ready (iteration 0 = SFT). */
  onReport?: (report: IterationReport) => void;
  /** Short progress lines (PPO steps). */
  onProgress?: (line: string) => void;
}

export interface IterationReport {
  iteration: number;
  /** Mean true preference score of the policy's replies to the evaluation prompts. */
  meanScore: number;
  /** Against SFT replies to the same prompts, under the true preference (ties ½). */
  winRate: number;
  /** Mean Σ_t log π/π_ref over the policy's evaluation replies (nats per reply). */
  kl: number;
  /** Mean length of the evaluation replies in tokens (stop id included). */
  replyLength: number;
  /** Reward model's held-out pair accuracy against the trainers' (noisy) rankings; null for SFT. */
  rewardAccuracy: number | null;
  /** The same pairs' accuracy against the noise-free preference order (pairs it ties are left out). */
  rewardAccuracyTrue: number | null;
  /**
   * How often the true preference orders those same pairs as the noisy trainers did (ties ½): the
   * ceiling of rewardAccuracy, like the inter-labeller agreement InstructGPT reports.
   */
  trainerAgreement: number | null;
  /** Held-out pairs behind rewardAccuracy. */
  rewardPairs: number;
  /** Train rankings collected so far. */
  rankings: number;
  /** The last PPO step's metrics of the iteration; null for SFT. */
  ppo: PpoStepMetrics | null;
  /** One evaluation reply, for reading. */
  example: string;
  /** Since the start of the run. */
  seconds: number;
  /** Training FLOPs so far (reward-model updates, PPO rollout passes and updates). */
  trainingFlops: number;
}

export interface SimulationResult {
  reports: IterationReport[];
  seconds: number;
  trainingFlops: number;
  /** Wall seconds per phase. */
  phases: { rankings: number; rewardModel: number; ppo: number; evaluation: number };
}

export async function runSimulation(input: SimulationInput): Promise<SimulationResult> {
  const c = simulationConfig(input.config);
  const { policy, prompts } = input;
  const started = performance.now();
  const phases = { rankings: 0, rewardModel: 0, ppo: 0, evaluation: 0 };
  const timed = async <T>(phase: keyof typeof phases, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      phases[phase] += (performance.now() - t) / 1000;
    }
  };
  let flops = 0;
  const reports: IterationReport[] = [];
  const report = (r: IterationReport) => {
    reports.push(r);
    input.onReport?.(r);
  };

  const reference: GptModel = { cfg: policy.cfg, params: copyParams(policy.params, false) };
  let rewardModel = createRewardModel(policy, { seed: c.seed });
  const trainers = new SimulatedTrainers(c.noise, c.seed ^ 0x7a31, c.tieMargin);
  const rng = mulberry32(c.seed + 17);
  const budget = c.ppo.maxNewTokens!;
  const textOf = (s: Sample) => input.decode(s.stopped ? s.reply.slice(0, -1) : s.reply);
  const scoreOf = (samples: readonly Sample[]) => samples.map((s) => input.preference(textOf(s)));
  const sample = (model: GptModel, ps: readonly number[][], seed: number) =>
    sampleReplies(model, ps, { maxNewTokens: budget, stopIds: [input.stopId], seed });

  const evalPrompts = prompts.heldout
    .slice(0, c.evalPrompts)
    .flatMap((p) => Array(c.evalSamplesPerPrompt).fill(p));
  let sftScores: number[] = [];
  const evaluate = async (iteration: number, extra: Partial<IterationReport>) => {
    const samples = await timed('evaluation', () => sample(policy, evalPrompts, c.seed + 0xe7a1));
    const scores = scoreOf(samples);
    const kl = await timed('evaluation', () => sequenceKl(policy, reference, samples));
    report({
      iteration,
      meanScore: mean(scores),
      winRate: winRate(scores, sftScores),
      kl: mean(kl),
      replyLength: mean(samples.map((s) => s.reply.length)),
      rewardAccuracy: null,
      rewardAccuracyTrue: null,
      trainerAgreement: null,
      rewardPairs: 0,
      rankings: 0,
      ppo: null,
      example: textOf(samples[0]),
      seconds: (performance.now() - started) / 1000,
      trainingFlops: flops,
      ...extra,
    });
  };

  let ppo: PpoTrainer | undefined;
  const collected: Ranking[] = [];
  /** What PPO divides the reward model's scores by (config.scaleRewards). */
  let rewardScale = 1;
  try {
    sftScores = await timed('evaluation', async () =>
      scoreOf(await sample(reference, evalPrompts, c.seed + 0x51f7)),
    );
    await evaluate(0, {});
    const trainOrder = cycle(prompts.train, rng);
    for (let iteration = 1; iteration <= c.iterations; iteration++) {
      const seed = c.seed + 1000 * iteration;
      // 1. comparison data from the current policy
      const { rankings, heldout, trueHeldout, heldoutScores } = await timed('rankings', async () => {
        const collect = async (ps: number[][], at: number) => {
          const samples = await sample(
            policy,
            ps.flatMap((p) => Array(c.candidates).fill(p)),
            at,
          );
          const scores = scoreOf(samples);
          return ps.map((prompt, i) => {
            const group = samples.slice(i * c.candidates, (i + 1) * c.candidates);
            const truth = scores.slice(i * c.candidates, (i + 1) * c.candidates);
            const replies = group.map((s) => s.reply);
            return {
              noisy: { prompt, replies, ranks: trainers.rank(truth) },
              truth: { prompt, replies, ranks: ranksByScore(truth) },
              scores: truth,
            };
          });
        };
        const train = await collect(take(trainOrder, c.rankingPrompts), seed + 1);
        const held = await collect(pick(prompts.heldout, c.heldoutRankingPrompts, rng), seed + 2);
        return {
          rankings: train.map((r) => r.noisy),
          heldout: held.map((r) => r.noisy),
          trueHeldout: held.map((r) => r.truth),
          heldoutScores: held.map((r) => r.scores),
        };
      });
      // 2. reward model
      collected.push(...rankings);
      const trainSet = c.rewardData === 'all' ? collected : rankings;
      if (c.rewardInit === 'fresh' && iteration > 1) {
        disposeRewardModel(rewardModel);
        rewardModel = createRewardModel(reference, { seed: c.seed + iteration });
      }
      const accuracy = await timed('rewardModel', async () => {
        await trainRewardModel(rewardModel, trainSet, {
          epochs: c.rewardEpochs,
          batchSize: c.rewardBatchSize,
          learningRate: c.rewardLearningRate,
          seed,
        });
        flops +=
          c.rewardEpochs *
          sum(trainSet, (r) =>
            sum(r.replies, (y) => trainFlops(policy.cfg, r.prompt.length + y.length, false)),
          );
        const noisy = pairAccuracy(rewardModel, heldout);
        const truth = pairAccuracy(rewardModel, trueHeldout);
        if (prompts.demonstrations.length > 0) {
          const demonstrations = pick(prompts.demonstrations, 64, rng);
          normaliseRewards(rewardModel, demonstrations);
          if (c.scaleRewards) rewardScale = std(scoreSequences(rewardModel, demonstrations)) || 1;
        }
        return { noisy, truth };
      });
      // 3. PPO against the reward model
      let last: PpoStepMetrics | null = null;
      await timed('ppo', async () => {
        ppo ??= new PpoTrainer({
          policy,
          reference,
          scorer: async (samples) =>
            Array.from(await rewardModelScorer(rewardModel)(samples), (x) => x / rewardScale),
          valueHead: rewardModel.head,
          stopIds: [input.stopId],
          config: { seed: c.seed, ...c.ppo },
        });
        for (let s = 0; s < c.ppoStepsPerIteration; s++) {
          const batch = pick(prompts.train, c.ppoPrompts, rng).flatMap((p) =>
            Array(c.ppoSamplesPerPrompt).fill(p),
          );
          const { metrics, samples } = await ppo.step(batch);
          const perSample = (x: Sample) => {
            const len = x.prompt.length + x.reply.length;
            return (
              (2 + 3 * ppo!.config.ppoEpochs) * forwardFlops(policy.cfg, len - 1) +
              forwardFlops(policy.cfg, len, false)
            );
          };
          flops += sum(samples, perSample);
          last = metrics;
          input.onProgress?.(
            `iteration ${iteration} PPO step ${s + 1}/${c.ppoStepsPerIteration}: RM reward ${metrics.rewardMean.toFixed(3)} ± ${metrics.rewardStd.toFixed(2)} KL ${metrics.kl.toFixed(2)} β ${metrics.beta.toFixed(4)} approx KL ${metrics.approxKl.toFixed(4)} updates ${metrics.minibatches} length ${metrics.replyLength.toFixed(1)}`,
          );
        }
      });
      // 4. evaluation under the true preference
      await evaluate(iteration, {
        rewardAccuracy: accuracy.noisy.accuracy,
        rewardAccuracyTrue: accuracy.truth.accuracy,
        trainerAgreement: trainerAgreement(heldout, heldoutScores),
        rewardPairs: accuracy.noisy.pairs,
        rankings: collected.length,
        ppo: last,
      });
    }
  } finally {
    ppo?.dispose();
    disposeRewardModel(rewardModel);
    disposeParams(reference.params);
  }
  return { reports, seconds: (performance.now() - started) / 1000, trainingFlops: flops, phases };
}

function sum<T>(xs: readonly T[], f: (x: T) => number): number {
  return xs.reduce((a, x) => a + f(x), 0);
}

/** n items drawn at random with replacement. */
function pick<T>(items: readonly T[], n: number, rng: Rng): T[] {
  return Array.from({ length: n }, () => items[Math.floor(rng() * items.length)]);
}

/** Endless passes over the items, each in a fresh shuffled order: every prompt is ranked before any repeats. */
function cycle<T>(items: readonly T[], rng: Rng): Iterator<T> {
  return (function* () {
    for (;;) for (const i of shuffled(items.length, rng)) yield items[i];
  })();
}

function take<T>(it: Iterator<T>, n: number): T[] {
  return Array.from({ length: n }, () => it.next().value as T);
}
