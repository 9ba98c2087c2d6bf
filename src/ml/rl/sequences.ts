/** Token sequences of different lengths as one right-padded batch (causal attention never sees the padding). */

export interface SequenceBatch {
  batchSize: number;
  seqLen: number;
  /** [batchSize, seqLen] row-major, padded with 0 after each sequence. */
  tokens: Int32Array;
  /** Real tokens per row; the last real token of row b sits at b·seqLen + lengths[b] − 1. */
  lengths: Int32Array;
}

/**
 * One sequence per row, padded to the longest. A sequence longer than maxLen keeps its last maxLen
 * tokens: a reward model reads the end of a sequence, and the reply is at the end.
 */
export function padSequences(seqs: readonly (readonly number[])[], maxLen: number): SequenceBatch {
  if (seqs.length === 0) throw new Error('padSequences: no sequences');
  const kept = seqs.map((s, i) => {
    if (s.length === 0) throw new Error(`padSequences: sequence ${i} is empty`);
    return s.length > maxLen ? s.slice(s.length - maxLen) : s;
  });
  const T = Math.max(...kept.map((s) => s.length));
  const tokens = new Int32Array(kept.length * T);
  kept.forEach((s, b) => tokens.set(s, b * T));
  return { batchSize: kept.length, seqLen: T, tokens, lengths: Int32Array.from(kept, (s) => s.length) };
}

/** 1 at each row's last real token, 0 elsewhere: [batchSize·seqLen]. */
export function lastTokenMask(batch: SequenceBatch): Float32Array {
  const mask = new Float32Array(batch.batchSize * batch.seqLen);
  batch.lengths.forEach((n, b) => (mask[b * batch.seqLen + n - 1] = 1));
  return mask;
}
