import { Tiktoken } from 'js-tiktoken/lite';
import gpt2Ranks from 'js-tiktoken/ranks/gpt2';
import { createByteStreamDecoder, decodeTokenBytes } from './byte-stream.js';
import type { SpecialIds, StreamDecoder, Tokenizer } from './tokenizer.js';

/** `tokenizer.json` of a GPT-2 checkpoint: the ranks come from the js-tiktoken package. */
export interface Gpt2Json {
  kind: 'gpt2';
  version: 1;
}

/** GPT-2's own vocabulary, `<|endoftext|>` (50256) included. */
export const GPT2_BASE_VOCAB = 50257;
const ENDOFTEXT = '<|endoftext|>';

/**
 * GPT-2 through js-tiktoken (ranks bundled in the npm package). GPT-2 has no chat tokens: `end`
 * is its `<|endoftext|>` and system/user/assistant are appended as 50257–50259, so vocabSize is
 * 50260. A checkpoint imported from GPT-2 has only 50257 embedding rows and cannot use those three
 * ids: render its chats with `format: 'plain'` (chat-template.ts, `chatFormatFor`).
 */
export class Gpt2Tokenizer implements Tokenizer {
  readonly kind = 'gpt2';
  readonly vocabSize = GPT2_BASE_VOCAB + 3;
  readonly special: Readonly<SpecialIds> = {
    system: GPT2_BASE_VOCAB,
    user: GPT2_BASE_VOCAB + 1,
    assistant: GPT2_BASE_VOCAB + 2,
    end: GPT2_BASE_VOCAB - 1,
  };
  private readonly extraText = new Map<number, string>([
    [this.special.system, '<|system|>'],
    [this.special.user, '<|user|>'],
    [this.special.assistant, '<|assistant|>'],
  ]);
  private readonly encoder = new TextEncoder();

  encode(text: string): number[] {
    // No special allowed or disallowed: a typed "<|endoftext|>" is encoded as ordinary text.
    return tiktoken().encode(text, [], []);
  }

  decode(ids: number[]): string {
    return decodeTokenBytes(ids, (id) => this.tokenBytes(id));
  }

  createStreamDecoder(): StreamDecoder {
    return createByteStreamDecoder((id) => this.tokenBytes(id));
  }

  toJSON(): Gpt2Json {
    return { kind: 'gpt2', version: 1 };
  }

  static fromJSON(json: Gpt2Json): Gpt2Tokenizer {
    if (json.kind !== 'gpt2' || json.version !== 1) {
      throw new Error(`gpt2: unsupported tokenizer.json (kind ${json.kind}, version ${json.version})`);
    }
    return new Gpt2Tokenizer();
  }

  tokenBytes(id: number): Uint8Array {
    const extra = this.extraText.get(id);
    if (extra !== undefined) return this.encoder.encode(extra);
    const bytes = byteTable()[id];
    if (!bytes) throw new RangeError(`gpt2: token id ${id} outside vocabulary of ${this.vocabSize}`);
    return bytes;
  }
}

// The rank tables take ~150 ms to build, so they are built once, on first use.
let encoding: Tiktoken | undefined;
function tiktoken(): Tiktoken {
  return (encoding ??= new Tiktoken(gpt2Ranks));
}

/**
 * js-tiktoken's decode() returns a string, which loses a character split over tokens; streaming
 * needs each token's bytes. They are read from the same bundled ranks (TiktokenBPE.bpe_ranks:
 * lines of "<prefix> <first rank> <base64 token> <base64 token> …").
 */
let bytesById: Uint8Array[] | undefined;
function byteTable(): Uint8Array[] {
  if (bytesById) return bytesById;
  const table: Uint8Array[] = [];
  for (const line of gpt2Ranks.bpe_ranks.split('\n')) {
    const [, first, ...tokens] = line.split(' ');
    if (!tokens.length) continue;
    const offset = Number.parseInt(first, 10);
    tokens.forEach((b64, i) => (table[offset + i] = new Uint8Array(Buffer.from(b64, 'base64'))));
  }
  table[GPT2_BASE_VOCAB - 1] = new TextEncoder().encode(ENDOFTEXT);
  return (bytesById = table);
}
