/**
 * npm run rlhf:simulate -- --preference <module.js> [--iterations N] [--noise σ] [--seed N]
 *   [--candidates K] [--ranking-prompts N] [--heldout-ranking-prompts N] [--ppo-steps N] [--ppo-prompts N]
 *   [--ppo-samples N] [--ppo-minibatch N] [--ppo-lr x] [--rm-lr x] [--rm-epochs N] [--rm-data all|latest]
 *   [--scale-rewards yes|no] [--tie-margin x]
 *   [--kl-coef β] [--kl-target nats] [--kl-horizon samples] [--kl-floor β] [--early-stop-kl nats]
 *   [--max-tokens N] [--model DIR] [--corpus FILE] [--backend wasm|cpu|tensorflow] [--threads N]
 *
 * Runs the RLHF loop on the default policy with simulated trainers who rank candidates by the
 * module's score(text) plus Gaussian noise, and prints per iteration the true preference score and
 * win rate of policy samples against SFT, the reward model's held-out accuracy and the KL to SFT;
 * then the wall time and MFU (training FLOPs per second over the backend's matMul peak measured in
 * the same run, as bench/train.ts measures it).
 */
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeBackend, machine, matMulPeak } from '../../../bench/common.js';
import { initBackend } from '../backend.js';
import { loadCheckpoint } from '../checkpoint/checkpoint.js';
import { disposeParams } from '../model/gpt.js';
import { loadTokenizer } from '../tokenizer/load.js';
import { DEFAULT_SIMULATION_CONFIG, SimulationConfig } from './config.js';
import { IterationReport, runSimulation } from './loop.js';
import { loadPreference } from './preference.js';
import { corpusPrompts } from './prompts.js';

const root = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  ...(import.meta.dirname.includes('/dist/') ? ['..'] : []),
);
const { values } = parseArgs({
  options: {
    preference: { type: 'string' },
    iterations: { type: 'string' },
    noise: { type: 'string' },
    seed: { type: 'string' },
    candidates: { type: 'string' },
    'ranking-prompts': { type: 'string' },
    'ppo-steps': { type: 'string' },
    'ppo-lr': { type: 'string' },
    'rm-lr': { type: 'string' },
    'rm-epochs': { type: 'string' },
    'heldout-ranking-prompts': { type: 'string' },
    'ppo-prompts': { type: 'string' },
    'max-tokens': { type: 'string' },
    'kl-coef': { type: 'string' },
    'kl-target': { type: 'string' },
    'kl-horizon': { type: 'string' },
    'kl-floor': { type: 'string' },
    'early-stop-kl': { type: 'string' },
    'ppo-samples': { type: 'string' },
    'ppo-minibatch': { type: 'string' },
    'tie-margin': { type: 'string' },
    'rm-data': { type: 'string' },
    'rm-init': { type: 'string' },
    'scale-rewards': { type: 'string' },
    model: { type: 'string', default: join(root, 'models', 'policy-default') },
    corpus: { type: 'string', default: join(root, 'data', 'corpus', 'dialogues.jsonl') },
    backend: { type: 'string' },
    threads: { type: 'string' },
  },
});
if (!values.preference) {
  console.error(
    'usage: npm run rlhf:simulate -- --preference <module.js> [--iterations N] [--noise σ] [--seed N] [--candidates K] [--ranking-prompts N] [--heldout-ranking-prompts N] [--ppo-steps N] [--ppo-prompts N] [--ppo-samples N] [--ppo-minibatch N] [--ppo-lr x] [--rm-lr x] [--rm-epochs N] [--rm-data all|latest] [--rm-init fresh|warm] [--scale-rewards yes|no] [--tie-margin x] [--kl-coef β] [--kl-target nats] [--kl-horizon samples] [--kl-floor β] [--early-stop-kl nats] [--max-tokens N] [--model DIR] [--corpus FILE] [--backend NAME] [--threads N]',
  );
  process.exit(2);
}

type Flag = keyof typeof values;
const num = (name: Flag): number | undefined => {
  const v = values[name] as string | undefined;
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
  return n;
};
const yesNo = (name: Flag): boolean | undefined => {
  const v = values[name] as string | undefined;
  if (v === undefined) return undefined;
  if (v !== 'yes' && v !== 'no') throw new Error(`--${name} must be yes or no, got ${v}`);
  return v === 'yes';
};
/** The flags given on the command line, without the ones left out. */
const given = <T extends object>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
const overrides: Partial<SimulationConfig> = given({
  iterations: num('iterations'),
  noise: num('noise'),
  seed: num('seed'),
  candidates: num('candidates'),
  rankingPrompts: num('ranking-prompts'),
  ppoStepsPerIteration: num('ppo-steps'),
  rewardLearningRate: num('rm-lr'),
  rewardEpochs: num('rm-epochs'),
  heldoutRankingPrompts: num('heldout-ranking-prompts'),
  ppoPrompts: num('ppo-prompts'),
  ppoSamplesPerPrompt: num('ppo-samples'),
  tieMargin: num('tie-margin'),
  rewardData: values['rm-data'] as SimulationConfig['rewardData'] | undefined,
  rewardInit: values['rm-init'] as SimulationConfig['rewardInit'] | undefined,
  scaleRewards: yesNo('scale-rewards'),
});
overrides.ppo = given({
  learningRate: num('ppo-lr'),
  maxNewTokens: num('max-tokens'),
  initKlCoef: num('kl-coef'),
  targetKl: num('kl-target'),
  klHorizon: num('kl-horizon'),
  minKlCoef: num('kl-floor'),
  earlyStopKl: num('early-stop-kl'),
  miniBatchSize: num('ppo-minibatch'),
});

const started = performance.now();
const backend = await initBackend(
  values.backend,
  values.threads ? { wasmThreads: Number(values.threads) } : {},
);
const preference = await loadPreference(values.preference);
console.log(`backend: ${describeBackend(backend)}\nmachine: ${machine()}`);
console.log(`preference: ${preference.name}${preference.description ? ` — ${preference.description}` : ''}`);
let peaks = await matMulPeak();

const checkpoint = await loadCheckpoint(values.model!);
const tokenizer = await loadTokenizer(values.model!);
const config = {
  ...DEFAULT_SIMULATION_CONFIG,
  ...overrides,
  ppo: { ...DEFAULT_SIMULATION_CONFIG.ppo, ...overrides.ppo },
};
const prompts = await corpusPrompts(
  values.corpus!,
  tokenizer,
  checkpoint.cfg.contextLength - config.ppo.maxNewTokens!,
);
console.log(
  `policy: ${values.model} · prompts: ${prompts.train.length} train, ${prompts.heldout.length} held out · settings: ${JSON.stringify(config)}`,
);

const header =
  'iter | pref score | win vs SFT | RM acc (labels / truth) of pairs | agreement | KL   | reply len | RM reward | time';
console.log(header);
const row = (r: IterationReport) =>
  [
    String(r.iteration).padStart(4),
    r.meanScore.toFixed(3).padStart(10),
    `${(100 * r.winRate).toFixed(1)} %`.padStart(10),
    (r.rewardAccuracy === null
      ? '—'
      : `${(100 * r.rewardAccuracy).toFixed(1)} / ${(100 * r.rewardAccuracyTrue!).toFixed(1)} % of ${r.rewardPairs}`
    ).padStart(30),
    (r.trainerAgreement === null ? '—' : `${(100 * r.trainerAgreement).toFixed(1)} %`).padStart(9),
    r.kl.toFixed(2).padStart(4),
    r.replyLength.toFixed(1).padStart(9),
    (r.ppo ? r.ppo.rewardMean.toFixed(3) : '—').padStart(9),
    `${r.seconds.toFixed(0)} s`,
  ].join(' | ');
const result = await runSimulation({
  policy: { cfg: checkpoint.cfg, params: checkpoint.params },
  decode: (ids) => tokenizer.decode(ids),
  stopId: tokenizer.special.end,
  prompts,
  preference: preference.score,
  config,
  onReport: (r) => console.log(`${row(r)}\n       e.g. ${JSON.stringify(r.example)}`),
  onProgress: (line) => process.stderr.write(`  ${line}\n`),
});
disposeParams(checkpoint.params);

peaks = (await matMulPeak()).map((p, i) => (p.gflops > peaks[i].gflops ? p : peaks[i]));
const peak = Math.max(...peaks.map((p) => p.gflops));
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
const gflops = result.trainingFlops / result.seconds / 1e9;
const sft = result.reports[0];
const final = result.reports.at(-1)!;
const targets = [
  ['RM held-out accuracy ≥ 75 %', final.rewardAccuracy !== null && final.rewardAccuracy >= 0.75],
  ['win rate vs SFT ≥ 65 %', final.winRate >= 0.65],
  ['wall time ≤ 15 min', wall <= 900],
] as const;
console.log(
  [
    '',
    `preference score ${sft.meanScore.toFixed(3)} → ${final.meanScore.toFixed(3)}, win rate vs SFT ${(100 * final.winRate).toFixed(1)} %, RM held-out accuracy ${(100 * (final.rewardAccuracy ?? NaN)).toFixed(1)} %, KL ${final.kl.toFixed(2)} nats (max ${Math.max(...result.reports.map((r) => r.kl)).toFixed(2)})`,
    `wall time ${wall.toFixed(0)} s, CPU time ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s, load average now ${os.loadavg()[0].toFixed(1)} (loop ${result.seconds.toFixed(0)} s: rankings ${result.phases.rankings.toFixed(0)} s, reward model ${result.phases.rewardModel.toFixed(0)} s, PPO ${result.phases.ppo.toFixed(0)} s, evaluation ${result.phases.evaluation.toFixed(0)} s)`,
    `training FLOPs ${(result.trainingFlops / 1e12).toFixed(2)} T over the loop's ${result.seconds.toFixed(0)} s = ${gflops.toFixed(2)} GFLOP/s; matMul peak ${peak.toFixed(1)} GFLOP/s (${peaks.map((p) => `${p.shape} ${p.gflops.toFixed(1)}`).join(', ')}); MFU ${((100 * gflops) / peak).toFixed(1)} %`,
    ...targets.map(([what, ok]) => `${ok ? 'met    ' : 'NOT met'}  ${what}`),
  ].join('\n'),
);
