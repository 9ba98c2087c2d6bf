/**
 * npm run bench:moderation — the local content filter: latency per message (p50/p99, one message at a
 * time as the chat calls it, and batched), beside the cost of featurising alone measured in the same run,
 * plus held-out precision/recall/F1 of the serving default classifier.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readModerationJsonl } from '../src/ml/classifier/dataset.js';
import { featurize } from '../src/ml/classifier/features.js';
import { loadClassifier } from '../src/ml/classifier/io.js';
import { scoreTexts } from '../src/ml/classifier/model.js';
import { evaluate } from '../src/ml/classifier/train.js';
import { evaluateFilter } from '../src/moderation/moderation-evaluation.js';
import { defaultThresholds } from '../src/moderation/moderation-policy.service.js';
import { commandLine, describeBackend, machine, setup, table, updateBenchmarks } from './common.js';

const root = join(import.meta.dirname, '..');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

const backend = await setup();
const model = await loadClassifier(join(root, 'models', 'moderation-default'));
const examples = await readModerationJsonl(join(root, 'data', 'moderation', 'seed.jsonl'));
const heldout = examples.filter((e) => e.split === 'heldout');
const texts = heldout.map((e) => e.text);

for (const text of texts.slice(0, 50)) scoreTexts(model, [text]); // warm-up
const single: number[] = [];
const features: number[] = [];
for (const text of texts) {
  let t = performance.now();
  featurize(text, model.config.features);
  features.push(performance.now() - t);
  t = performance.now();
  scoreTexts(model, [text]);
  single.push(performance.now() - t);
}
single.sort((a, b) => a - b);
features.sort((a, b) => a - b);
const t0 = performance.now();
for (let i = 0; i < texts.length; i += 64) scoreTexts(model, texts.slice(i, i + 64));
const batchedPerMessage = (performance.now() - t0) / texts.length;

const evaluation = evaluate(model, heldout);
// What the app applies: the suggested thresholds, but no warn threshold below 0.05.
const inApp = evaluateFilter(model, heldout, defaultThresholds(model.suggestedThresholds));
const p50 = percentile(single, 0.5);
const rows = [
  ['one message (as the chat calls it)', p50.toFixed(3), percentile(single, 0.99).toFixed(3), '1.00'],
  ['featurising only (baseline)', percentile(features, 0.5).toFixed(3), percentile(features, 0.99).toFixed(3), (percentile(features, 0.5) / p50).toFixed(2)],
  ['batches of 64, per message', batchedPerMessage.toFixed(3), '–', (batchedPerMessage / p50).toFixed(2)],
];
const quality = Object.entries(evaluation.perCategory).map(([c, m]) => [c, m.precision.toFixed(3), m.recall.toFixed(3), m.f1.toFixed(3)]);
const body = [
  `Machine: ${machine()}. Backend: ${describeBackend(backend)}. Command: \`${commandLine('bench:moderation')}\`.`,
  '',
  `Latency over ${texts.length} held-out messages (target p50 < 5 ms):`,
  '',
  table(['what', 'p50 ms', 'p99 ms', 'ratio to one message'], rows),
  '',
  `Held-out quality at the suggested thresholds (macro-F1 ${evaluation.macroF1.toFixed(3)}):`,
  '',
  table(['category', 'precision', 'recall', 'F1'], quality),
  '',
  `At the thresholds the app applies (no warn threshold below 0.05): macro-F1 ${inApp.macroF1.toFixed(3)}; ` +
    `${(inApp.falsePositiveRate * 100).toFixed(1)} % of benign held-out texts flagged (FP rate), ` +
    `${(inApp.falseNegativeRate * 100).toFixed(1)} % of harmful ones flagged in none of their categories (FN rate).`,
].join('\n');
console.log(body);
updateBenchmarks('moderation', 'Content filter (npm run bench:moderation)', body);
