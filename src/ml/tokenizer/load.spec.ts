import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainBpe } from './bpe.js';
import { Gpt2Tokenizer } from './gpt2.js';
import { loadTokenizer, saveTokenizer } from './load.js';
import { mulberry32, randomText } from './random-text.js';

describe('saveTokenizer / loadTokenizer', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenizer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rng = mulberry32(3);
  const texts = Array.from({ length: 300 }, () => randomText(rng, 50));

  it('round-trips a trained BPE with identical encodings', async () => {
    const tok = trainBpe(texts.slice(0, 150), 900);
    await saveTokenizer(join(dir, 'ckpt'), tok);
    const loaded = await loadTokenizer(join(dir, 'ckpt'));
    expect(loaded.kind).toBe('bpe');
    expect(loaded.toJSON()).toEqual(tok.toJSON());
    expect(loaded.special).toEqual(tok.special);
    for (const text of texts) expect(loaded.encode(text)).toEqual(tok.encode(text));
  });

  it('writes the documented format', async () => {
    const tok = trainBpe(['ab ab ab'], 1000);
    await saveTokenizer(dir, tok);
    const json = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8'));
    expect(json).toEqual({
      kind: 'bpe',
      version: 1,
      merges: [
        [97, 98],
        [32, 256],
      ],
      special: { system: 258, user: 259, assistant: 260, end: 261 },
    });
  });

  it('round-trips GPT-2', async () => {
    await saveTokenizer(dir, new Gpt2Tokenizer());
    const loaded = await loadTokenizer(dir);
    expect(loaded.kind).toBe('gpt2');
    expect(loaded.encode('Hello world')).toEqual([15496, 995]);
  });

  it('rejects unknown kinds, versions and inconsistent special ids', async () => {
    const write = (json: unknown) => writeFile(join(dir, 'tokenizer.json'), JSON.stringify(json));
    await write({ kind: 'sentencepiece', version: 1 });
    await expect(loadTokenizer(dir)).rejects.toThrow(/unknown tokenizer kind/);
    await write({ kind: 'bpe', version: 2, merges: [], special: {} });
    await expect(loadTokenizer(dir)).rejects.toThrow(/version 2/);
    await write({
      kind: 'bpe',
      version: 1,
      merges: [],
      special: { system: 1, user: 2, assistant: 3, end: 4 },
    });
    await expect(loadTokenizer(dir)).rejects.toThrow(/special id/);
  });
});
