/**
 * GPT-2's pre-tokenisation pattern: contractions, letter runs, number runs and punctuation runs
 * (each with at most one leading space), then whitespace. Merges never cross these pieces, so a
 * word's encoding does not depend on its neighbours and can be cached. Every character matches
 * one of the alternatives, so the pieces always concatenate back to the input.
 */
const PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export function pretokenize(text: string): string[] {
  return text.match(PATTERN) ?? [];
}
