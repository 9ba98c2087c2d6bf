/**
 * Decoding speed: tokens/s with and without the KV cache, the cost of a token late in a long context
 * against an early one, and the backend's raw matMul GFLOP/s.
 *
 *   npm run bench:generate [-- --backend wasm|cpu|tensorflow] [--threads N]
 */
import * as tf from '@tensorflow/tfjs-core';
import { GptConfig, presetConfig } from '../src/ml/model/config.js';
import { generate } from '../src/ml/model/generate.js';
import {
  createKvCache,
  disposeKvCache,
  disposeParams,
  forward,
  forwardStep,
  GptModel,
  initParams,
} from '../src/ml/model/gpt.js';
import {
  commandLine,
  describeBackend,
  machine,
  matMulPeak,
  setup,
  table,
  updateBenchmarks,
} from './common.js';

const info = await setup();
console.log(`backend: ${describeBackend(info)}\nmachine: ${machine()}`);
const peaks = await matMulPeak();
console.log(peaks.map((p) => `matMul ${p.shape}: ${p.gflops.toFixed(1)} GFLOP/s`).join('\n'));

const prompt = (n: number, vocab: number) => Array.from({ length: n }, (_, i) => (i * 37 + 11) % vocab);
const model = (cfg: GptConfig): GptModel => ({ cfg, params: initParams(cfg, 3) });

// 1. tokens/s with and without the cache, default model
const small = model(presetConfig('default'));
const genRows: (string | number)[][] = [];
for (const useCache of [true, false]) {
  const opts = { maxTokens: 200, temperature: 1, seed: 1, useCache };
  await generate(small, prompt(16, 2048), { ...opts, maxTokens: 8 }); // warm-up
  const t = performance.now();
  const out = await generate(small, prompt(16, 2048), opts);
  const s = (performance.now() - t) / 1000;
  genRows.push([
    'default (d128 L4 ctx256)',
    useCache ? 'yes' : 'no',
    `16 + ${out.ids.length}`,
    (out.ids.length / s).toFixed(1),
    ((1000 * s) / out.ids.length).toFixed(2),
  ]);
  console.log(genRows.at(-1)!.join('  '));
}
disposeParams(small.params);

// 2. cost of the token at position 16 vs 512 (ctx 640), one token per step. The two positions are
// measured alternately and summarised by medians, so load from other work hits both alike.
const long = model(presetConfig('default', { contextLength: 640 }));
const steps = 24;
const positions = [16, 512];
const one = tf.tensor2d([[5]], [1, 1], 'int32');
const caches = positions.map((at) => {
  const cache = createKvCache();
  const pre = tf.tensor2d([prompt(at, 2048)], [1, at], 'int32');
  forwardStep(long.params, long.cfg, cache, pre).dispose();
  forwardStep(long.params, long.cfg, cache, one).dispose(); // warm-up at this length
  pre.dispose();
  return cache;
});
const seqs = positions.map((at) => tf.tensor2d([prompt(at + 1, 2048)], [1, at + 1], 'int32'));
const cachedMs: number[][] = positions.map(() => []);
const uncachedMs: number[][] = positions.map(() => []);
for (let i = 0; i < steps; i++) {
  for (let j = 0; j < positions.length; j++) {
    let t = performance.now();
    await forwardStep(long.params, long.cfg, caches[j], one).data();
    cachedMs[j].push(performance.now() - t);
    if (i % 6 !== 0) continue; // the uncached pass is slow: fewer samples
    t = performance.now();
    const logits = forward(long.params, long.cfg, seqs[j]);
    await logits.data();
    logits.dispose();
    uncachedMs[j].push(performance.now() - t);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
caches.forEach(disposeKvCache);
tf.dispose([one, ...seqs]);
const stepRows = positions.map((at, j) => [
  at,
  median(cachedMs[j]).toFixed(2),
  median(uncachedMs[j]).toFixed(1),
]);
stepRows.forEach((r) => console.log(r.join('  ')));
disposeParams(long.params);
const ratio = Number(stepRows[1][1]) / Number(stepRows[0][1]);

const body = [
  `Machine: ${machine()}. Backend: ${describeBackend(info)}${info.notes.length ? ` (${info.notes.join('; ')})` : ''}.`,
  `Command: \`${commandLine('bench:generate')}\` (${new Date().toISOString().slice(0, 10)}).`,
  '',
  `Plain 2-D matMul: ${peaks.map((p) => `${p.shape} ${p.gflops.toFixed(1)}`).join(', ')} GFLOP/s.`,
  '',
  'Sampling at temperature 1, batch 1, generate() end to end (sampling on the CPU, one event-loop turn per token):',
  '',
  table(['model', 'KV cache', 'tokens', 'tokens / s', 'ms / token'], genRows),
  '',
  `One new token at position p (d128 L4 H4, ctx 640), median of ${steps} steps, positions measured alternately; without the cache the whole p + 1 tokens run again:`,
  '',
  table(['position', 'ms / token with cache', 'ms / token without'], stepRows),
  '',
  `Token 512 costs ${ratio.toFixed(2)}× token 16 with the cache.`,
].join('\n');
console.log(`\n${body}`);
updateBenchmarks(
  `generate-${info.name}${info.threads ? `-${info.threads}t` : ''}`,
  `Generation — ${describeBackend(info)}`,
  body,
);
