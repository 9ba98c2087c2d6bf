import { createByteStreamDecoder, decodeTokenBytes } from './byte-stream.js';
import { learnMerges, MAX_BPE_VOCAB, mergeWord, type Merge } from './bpe-train.js';
import { pretokenize } from './pretokenize.js';
import {
  SPECIAL_NAMES,
  SPECIAL_TOKENS,
  type SpecialIds,
  type StreamDecoder,
  type Tokenizer,
} from './tokenizer.js';

/**
 * `tokenizer.json` of a trained BPE (version 1). Ids: 0–255 are the raw bytes, 256 + i is
 * merges[i] (the concatenation of its two parts), then the four specials in the order system,
 * user, assistant, end. Pre-tokenisation is GPT-2's pattern (pretokenize.ts).
 */
export interface BpeJson {
  kind: 'bpe';
  version: 1;
  merges: [number, number][];
  special: SpecialIds;
}

const CACHE_LIMIT = 50_000;
const CACHED_PIECE_LENGTH = 64;

export class BpeTokenizer implements Tokenizer {
  readonly kind = 'bpe';
  readonly vocabSize: number;
  readonly special: Readonly<SpecialIds>;
  private readonly ranks = new Map<number, number>();
  private readonly bytes: Uint8Array[] = [];
  private readonly cache = new Map<string, number[]>();
  private readonly encoder = new TextEncoder();

  constructor(readonly merges: readonly Merge[]) {
    for (let b = 0; b < 256; b++) this.bytes.push(Uint8Array.of(b));
    merges.forEach(([a, b], rank) => {
      const id = 256 + rank;
      if (!(a < id && b < id && a >= 0 && b >= 0)) throw new Error(`bpe: bad merge ${rank}: ${a},${b}`);
      this.ranks.set(pairKey(a, b), rank);
      this.bytes.push(concat(this.bytes[a], this.bytes[b]));
    });
    const first = 256 + merges.length;
    this.special = { system: first, user: first + 1, assistant: first + 2, end: first + 3 };
    for (const name of SPECIAL_NAMES) this.bytes.push(this.encoder.encode(SPECIAL_TOKENS[name]));
    this.vocabSize = first + SPECIAL_NAMES.length;
    if (this.vocabSize > MAX_BPE_VOCAB) throw new Error(`bpe: vocabulary over ${MAX_BPE_VOCAB}`);
  }

  static fromJSON(json: BpeJson): BpeTokenizer {
    if (json.kind !== 'bpe' || json.version !== 1) {
      throw new Error(`bpe: unsupported tokenizer.json (kind ${json.kind}, version ${json.version})`);
    }
    const tok = new BpeTokenizer(json.merges.map(([a, b]) => [a, b] as const));
    for (const name of SPECIAL_NAMES) {
      if (json.special[name] !== tok.special[name]) throw new Error(`bpe: special id of ${name} disagrees`);
    }
    return tok;
  }

  toJSON(): BpeJson {
    return {
      kind: 'bpe',
      version: 1,
      merges: this.merges.map(([a, b]) => [a, b]),
      special: { ...this.special },
    };
  }

  encode(text: string): number[] {
    const ids: number[] = [];
    for (const piece of pretokenize(text)) {
      for (const id of this.encodePiece(piece)) ids.push(id);
    }
    return ids;
  }

  decode(ids: number[]): string {
    return decodeTokenBytes(ids, (id) => this.tokenBytes(id));
  }

  createStreamDecoder(): StreamDecoder {
    return createByteStreamDecoder((id) => this.tokenBytes(id));
  }

  tokenBytes(id: number): Uint8Array {
    const bytes = this.bytes[id];
    if (!bytes) throw new RangeError(`bpe: token id ${id} outside vocabulary of ${this.vocabSize}`);
    return bytes;
  }

  /** Applies merges by rank, as training did: always the earliest-learnt pair present next. */
  private encodePiece(piece: string): number[] {
    const cached = this.cache.get(piece);
    if (cached) return cached;
    let word = Array.from(this.encoder.encode(piece));
    for (;;) {
      let bestRank = Infinity;
      for (let i = 0; i + 1 < word.length; i++) {
        const rank = this.ranks.get(pairKey(word[i], word[i + 1]));
        if (rank !== undefined && rank < bestRank) bestRank = rank;
      }
      if (bestRank === Infinity) break;
      const [a, b] = this.merges[bestRank];
      word = mergeWord(word, a, b, 256 + bestRank);
    }
    if (piece.length <= CACHED_PIECE_LENGTH) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(piece, word);
    }
    return word;
  }
}

/** Trains a tokenizer of at most `vocabSize` ids (fewer when the texts run out of repeated pairs). */
export function trainBpe(texts: string[], vocabSize: number): BpeTokenizer {
  const maxMerges = vocabSize - 256 - SPECIAL_NAMES.length;
  if (maxMerges < 0) throw new Error(`bpe: vocabSize must be at least ${256 + SPECIAL_NAMES.length}`);
  if (vocabSize > MAX_BPE_VOCAB) throw new Error(`bpe: vocabSize must be at most ${MAX_BPE_VOCAB}`);
  return new BpeTokenizer(learnMerges(texts, maxMerges));
}

function pairKey(a: number, b: number): number {
  return a * MAX_BPE_VOCAB + b;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
