/**
 * Rebuilds models/moderation-default from data/moderation/seed.jsonl on the cpu backend (so the
 * committed weights are reproducible bit for bit):
 *   npx tsc -p tsconfig.build.json && node dist/src/ml/classifier/train-default.cli.js [seed.jsonl] [outDir]
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { MODERATION_CATEGORIES } from './categories.js';
import { disposeClassifier } from './model.js';
import { trainDefaultClassifier } from './train-default.js';

const [seedPath = 'data/moderation/seed.jsonl', outDir = 'models/moderation-default'] = process.argv.slice(2);
await tf.setBackend('cpu');
const report = await trainDefaultClassifier(seedPath, outDir, (epoch, loss) =>
  console.log(`epoch ${epoch}  loss ${loss.toFixed(4)}`),
);
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
console.log(
  `${report.trainExamples} train / ${report.heldoutExamples} held-out examples, ${report.seconds.toFixed(1)} s on ${tf.getBackend()}`,
);
console.log('category                  thr   P@thr  R@thr  F1@thr  F1@0.5   AUC');
for (const c of MODERATION_CATEGORIES) {
  const m = report.heldout.perCategory[c];
  const half = report.heldoutAtHalf.perCategory[c];
  console.log(
    `${c.padEnd(24)} ${m.threshold.toFixed(2)}  ${pct(m.precision)}  ${pct(m.recall)}  ${pct(m.f1)}  ${pct(half.f1)}  ${m.auc?.toFixed(3) ?? '  -  '}`,
  );
}
console.log(
  `held-out macro-F1: ${report.heldout.macroF1.toFixed(3)} at suggested thresholds, ${report.heldoutAtHalf.macroF1.toFixed(3)} at 0.5`,
);
console.log(`written to ${outDir}`);
disposeClassifier(report.model);
