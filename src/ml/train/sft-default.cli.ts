/**
 * npm run model:sft [-- --steps N --out DIR]: trains the default policy on data/corpus with a progress
 * bar and loss readout, and writes the checkpoint (models/policy-default by default).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../backend.js';
import { trainDefaultPolicy } from './sft-default.js';

const root = join(import.meta.dirname, '..', '..', '..', ...(import.meta.dirname.includes('/dist/') ? ['..'] : []));
const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '600' },
    batch: { type: 'string', default: '16' },
    lr: { type: 'string', default: '0.002' },
    vocab: { type: 'string', default: '2048' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: join(root, 'models', 'policy-default') },
    corpus: { type: 'string', default: join(root, 'data', 'corpus', 'dialogues.jsonl') },
  },
});

function bar(step: number, steps: number, loss: number, started: number): string {
  const width = 30;
  const done = Math.round((step / steps) * width);
  const elapsed = (Date.now() - started) / 1000;
  const eta = (elapsed / step) * (steps - step);
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${step}/${steps} loss ${loss.toFixed(3)} ${elapsed.toFixed(0)}s elapsed, ~${eta.toFixed(0)}s left`;
}

const backend = await initBackend();
console.log(`backend: ${backend.name} (${backend.package})`);
const started = Date.now();
const interactive = process.stdout.isTTY;
const result = await trainDefaultPolicy({
  corpusPath: values.corpus!,
  outDir: values.out!,
  vocabSize: Number(values.vocab),
  steps: Number(values.steps),
  batchSize: Number(values.batch),
  learningRate: Number(values.lr),
  seed: Number(values.seed),
  onStep: (step, steps, loss) => {
    const line = bar(step, steps, loss, started);
    if (interactive) process.stdout.write(`\r${line}`);
    else if (step % 20 === 0 || step === steps) console.log(line);
  },
});
if (interactive) process.stdout.write('\n');
console.log(`train loss ${result.metrics.trainLoss.toFixed(3)}, held-out loss ${result.metrics.heldoutLoss.toFixed(3)}`);
console.log(`wrote ${values.out} in ${result.seconds.toFixed(0)} s`);
