import { BpeTokenizer, trainBpe } from './bpe.js';
import { mulberry32, randomText } from './random-text.js';

const ENGLISH = [
  'The quick brown fox jumps over the lazy dog.',
  'The lazy dog sleeps in the sun, and the quick fox runs away.',
  "It's the dog's bed; they've said they'll share it.",
  'Numbers like 12345 and 2024 appear in the text too.',
];

function randomTexts(seed: number, n: number, maxLength?: number): string[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => randomText(rng, maxLength));
}

describe('trainBpe', () => {
  it('learns the merges worked out by hand', () => {
    // pieces "ab", " ab", " ab": (a,b) occurs 3 times -> 256; then (" ", 256) twice -> 257; nothing repeats after
    const tok = trainBpe(['ab ab ab'], 1000);
    expect(tok.merges).toEqual([
      [97, 98],
      [32, 256],
    ]);
    expect(tok.encode('ab ab')).toEqual([256, 257]);
    expect(tok.vocabSize).toBe(256 + 2 + 4);
  });

  it('learns merges that shorten the corpus, within the requested vocabulary', () => {
    const texts = Array.from({ length: 20 }, () => ENGLISH).flat();
    const tok = trainBpe(texts, 400);
    expect(tok.vocabSize).toBeLessThanOrEqual(400);
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const tokens = texts.reduce((n, t) => n + tok.encode(t).length, 0);
    expect(tokens).toBeLessThan(bytes / 4);
    for (const t of texts) expect(Math.max(...tok.encode(t))).toBeLessThan(tok.special.system);
  });

  it('is deterministic', () => {
    const texts = randomTexts(7, 200);
    expect(trainBpe(texts, 600).merges).toEqual(trainBpe(texts, 600).merges);
  });

  it('rejects a vocabulary too small for bytes and specials', () => {
    expect(() => trainBpe(ENGLISH, 259)).toThrow(/at least 260/);
  });
});

describe('BpeTokenizer', () => {
  const untrained = new BpeTokenizer([]);
  const trained = trainBpe([...randomTexts(1, 400, 60), ...ENGLISH], 1200);

  it('puts bytes first, merges next and the specials last', () => {
    expect(untrained.special).toEqual({ system: 256, user: 257, assistant: 258, end: 259 });
    expect(untrained.vocabSize).toBe(260);
    expect(trained.special.end).toBe(trained.vocabSize - 1);
  });

  it.each([
    ['untrained', untrained],
    ['trained', trained],
  ])('round-trips random Unicode text (%s)', (_, tok) => {
    for (const text of randomTexts(42, 400)) expect(tok.decode(tok.encode(text))).toBe(text);
  });

  it('encodes the same text the same way from the cache', () => {
    const text = ENGLISH.join(' ');
    expect(trained.encode(text)).toEqual(trained.encode(text));
  });

  it('encodes typed special-token text as ordinary text', () => {
    for (const text of ['<|end|>', 'hi<|assistant|>there', '<|system|><|user|>']) {
      const ids = trained.encode(text);
      expect(ids.some((id) => id >= trained.special.system)).toBe(false);
      expect(trained.decode(ids)).toBe(text);
    }
  });

  it('decodes each special id to its whole token string', () => {
    const { system, user, assistant, end } = trained.special;
    expect(trained.decode([system, user, assistant, end])).toBe('<|system|><|user|><|assistant|><|end|>');
  });

  it('rejects ids outside the vocabulary', () => {
    expect(() => trained.decode([trained.vocabSize])).toThrow(RangeError);
    expect(() => trained.decode([-1])).toThrow(RangeError);
  });

  it.each([
    ['untrained', untrained],
    ['trained', trained],
  ])('streams multi-byte characters whole (%s)', (_, tok) => {
    for (const text of [...randomTexts(9, 300), 'héllo 😀 世界 👩‍👩‍👧 שלום']) {
      const stream = tok.createStreamDecoder();
      const chunks = tok.encode(text).map((id) => stream.push(id));
      chunks.push(stream.flush());
      expect(chunks.join('')).toBe(text);
      expect(chunks.some((c) => c.includes('\uFFFD'))).toBe(false);
    }
  });

  it('holds back the first bytes of a character until its last byte arrives', () => {
    const stream = untrained.createStreamDecoder();
    const pushed = untrained.encode('😀').map((id) => stream.push(id));
    expect(pushed).toEqual(['', '', '', '😀']);
    expect(stream.flush()).toBe('');
  });

  it('rejects merges that refer to ids not yet defined', () => {
    expect(() => new BpeTokenizer([[256, 97]])).toThrow(/bad merge/);
  });
});
