import type { StreamDecoder } from './tokenizer.js';

/** Returns the UTF-8 bytes one token id stands for; throws for ids outside the vocabulary. */
export type TokenBytes = (id: number) => Uint8Array;

export function decodeTokenBytes(ids: number[], bytesOf: TokenBytes): string {
  const parts = ids.map(bytesOf);
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return new TextDecoder().decode(joined);
}

/**
 * A byte-level token's bytes need not end on a character boundary. TextDecoder in streaming mode
 * holds back an incomplete trailing sequence, so a character split over tokens comes out whole
 * once its last byte arrives; only truly invalid bytes become U+FFFD.
 */
export function createByteStreamDecoder(bytesOf: TokenBytes): StreamDecoder {
  const decoder = new TextDecoder();
  return {
    push: (id) => decoder.decode(bytesOf(id), { stream: true }),
    flush: () => decoder.decode(),
  };
}
