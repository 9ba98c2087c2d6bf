import { Tiktoken } from 'js-tiktoken/lite';
import gpt2Ranks from 'js-tiktoken/ranks/gpt2';
import { Gpt2Tokenizer } from './gpt2.js';
import { mulberry32, randomText } from './random-text.js';

describe('Gpt2Tokenizer', () => {
  const tok = new Gpt2Tokenizer();

  it('gives the known GPT-2 encodings', () => {
    expect(tok.encode('Hello world')).toEqual([15496, 995]);
    expect(tok.encode(' Hello')).toEqual([18435]);
    expect(tok.encode('😀')).toEqual([47249, 222]);
  });

  it('maps end to <|endoftext|> and appends the chat tokens after it', () => {
    expect(tok.special).toEqual({ system: 50257, user: 50258, assistant: 50259, end: 50256 });
    expect(tok.vocabSize).toBe(50260);
    expect(tok.decode([50256, 50257, 50258, 50259])).toBe('<|endoftext|><|system|><|user|><|assistant|>');
  });

  it('encodes typed special-token text as ordinary text', () => {
    for (const text of ['<|endoftext|>', 'a<|user|>b', '<|end|>']) {
      const ids = tok.encode(text);
      expect(ids.some((id) => id >= 50256)).toBe(false);
      expect(tok.decode(ids)).toBe(text);
    }
  });

  it('round-trips random Unicode text', () => {
    const rng = mulberry32(5);
    for (let i = 0; i < 300; i++) {
      const text = randomText(rng);
      expect(tok.decode(tok.encode(text))).toBe(text);
    }
  });

  it('reads the same bytes per token as js-tiktoken decodes', () => {
    const reference = new Tiktoken(gpt2Ranks);
    const utf8 = new TextDecoder();
    for (let id = 0; id < 50257; id++) {
      expect(utf8.decode(tok.tokenBytes(id))).toBe(reference.decode([id]));
    }
  });

  it('streams a character split over tokens whole', () => {
    const stream = tok.createStreamDecoder();
    expect([47249, 222].map((id) => stream.push(id))).toEqual(['', '😀']);
    const rng = mulberry32(11);
    for (let i = 0; i < 300; i++) {
      const text = randomText(rng);
      const s = tok.createStreamDecoder();
      const chunks = tok.encode(text).map((id) => s.push(id));
      chunks.push(s.flush());
      expect(chunks.join('')).toBe(text);
      expect(chunks.some((c) => c.includes('\uFFFD'))).toBe(false);
    }
  });

  it('rejects ids outside the vocabulary', () => {
    expect(() => tok.decode([50260])).toThrow(RangeError);
  });
});
