/**
 * Trains the shipped default policy: a byte-level BPE learnt from the project's demonstration corpus,
 * then SFT of the `default` GPT config on the corpus's train split (assistant tokens only), with the
 * held-out split's loss measured at the end.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { saveCheckpoint } from '../checkpoint/checkpoint.js';
import { presetConfig } from '../model/config.js';
import { disposeParams, initParams } from '../model/gpt.js';
import { mulberry32 } from '../model/sampling.js';
import { trainBpe } from '../tokenizer/bpe.js';
import { renderChat, type ChatMessage } from '../tokenizer/chat-template.js';
import { saveTokenizer } from '../tokenizer/load.js';
import { evaluateLoss, packBatch, SftTrainer, type SftExample } from './sft.js';

export interface SftDefaultOptions {
  corpusPath: string;
  outDir: string;
  vocabSize: number;
  steps: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onStep?: (step: number, steps: number, loss: number) => void;
}

interface Dialogue {
  split?: 'train' | 'heldout';
  messages: ChatMessage[];
}

export async function trainDefaultPolicy(opts: SftDefaultOptions) {
  const started = performance.now();
  const dialogues = (await readFile(opts.corpusPath, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Dialogue);
  const train = dialogues.filter((d) => d.split !== 'heldout');
  const heldout = dialogues.filter((d) => d.split === 'heldout');

  const tokenizer = trainBpe(train.flatMap((d) => d.messages.map((m) => m.content)), opts.vocabSize);
  const cfg = presetConfig('default', { vocabSize: tokenizer.vocabSize });
  const toExample = (d: Dialogue): SftExample => {
    const { ids, assistantMask } = renderChat(tokenizer, d.messages);
    return { ids, mask: assistantMask.map((m) => (m ? 1 : 0)) };
  };
  const trainExamples = train.map(toExample);
  const heldoutExamples = heldout.map(toExample);

  const model = { cfg, params: initParams(cfg, opts.seed) };
  const trainer = new SftTrainer(model, { learningRate: opts.learningRate });
  const rng = mulberry32(opts.seed);
  let loss = NaN;
  try {
    for (let step = 1; step <= opts.steps; step++) {
      const batch = Array.from({ length: opts.batchSize }, () => trainExamples[Math.floor(rng() * trainExamples.length)]);
      // Cosine decay to 10 % over the run.
      trainer.optimizer.learningRate = opts.learningRate * (0.1 + 0.45 * (1 + Math.cos((Math.PI * step) / opts.steps)));
      loss = trainer.trainStep(packBatch(batch, cfg.contextLength)).loss;
      opts.onStep?.(step, opts.steps, loss);
    }
    const metrics = {
      trainLoss: evaluateLoss(model, trainExamples),
      heldoutLoss: evaluateLoss(model, heldoutExamples),
      steps: opts.steps,
      batchSize: opts.batchSize,
      trainDialogues: train.length,
      heldoutDialogues: heldout.length,
    };
    await saveCheckpoint(opts.outDir, model.params, cfg, { metrics, trainedBy: 'npm run model:sft' });
    await saveTokenizer(opts.outDir, tokenizer);
    return { metrics, seconds: (performance.now() - started) / 1000, lastLoss: loss };
  } finally {
    trainer.dispose();
    disposeParams(model.params);
  }
}
