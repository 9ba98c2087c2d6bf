/**
 * Matmul FLOPs, counted as bench/train.ts counts them (full T×T attention products, tied output
 * head), per sequence at its own length: padding is not useful work, so it is not counted.
 */
import { GptConfig } from '../model/config.js';

/** One forward pass over a sequence of `length` tokens; `logits: false` for a reward model (no output head). */
export function forwardFlops(cfg: GptConfig, length: number, logits = true): number {
  const d = cfg.dModel;
  const perToken = cfg.nLayers * (24 * d * d + 4 * length * d) + (logits ? 2 * d * cfg.vocabSize : 0);
  return length * perToken;
}

/** Forward + backward ≈ 3 forwards. */
export function trainFlops(cfg: GptConfig, length: number, logits = true): number {
  return 3 * forwardFlops(cfg, length, logits);
}
