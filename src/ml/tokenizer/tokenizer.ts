/** What every tokenizer (trained byte-level BPE, GPT-2 through js-tiktoken) offers the model code. */

export type TokenizerKind = 'bpe' | 'gpt2';

/** Ids of the chat control tokens. */
export interface SpecialIds {
  system: number;
  user: number;
  assistant: number;
  end: number;
}

export type SpecialName = keyof SpecialIds;

/** Text form of the chat control tokens (GPT-2 maps `end` to its own `<|endoftext|>`). */
export const SPECIAL_TOKENS: Readonly<Record<SpecialName, string>> = {
  system: '<|system|>',
  user: '<|user|>',
  assistant: '<|assistant|>',
  end: '<|end|>',
};

export const SPECIAL_NAMES: readonly SpecialName[] = ['system', 'user', 'assistant', 'end'];

/** Turns token ids into text as they arrive, never cutting a multi-byte character in two. */
export interface StreamDecoder {
  /** Text completed by this token; bytes of an unfinished character are held back. */
  push(id: number): string;
  /** Whatever is still held back (an unfinished character at the very end becomes U+FFFD). */
  flush(): string;
}

export interface Tokenizer {
  readonly kind: TokenizerKind;
  /** Rows the model's embedding needs: every id returned by encode() or in `special` is below it. */
  readonly vocabSize: number;
  /**
   * Encodes user-visible text. Special-token strings typed by a user (e.g. "<|end|>") are encoded
   * as ordinary text, never as control ids: only the chat renderer inserts those, so message
   * content cannot forge turn boundaries.
   */
  encode(text: string): number[];
  /** Decodes ids; control ids are shown as their token strings. */
  decode(ids: number[]): string;
  readonly special: Readonly<SpecialIds>;
  createStreamDecoder(): StreamDecoder;
}
