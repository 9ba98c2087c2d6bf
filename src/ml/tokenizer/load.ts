import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BpeTokenizer, type BpeJson } from './bpe.js';
import { Gpt2Tokenizer, type Gpt2Json } from './gpt2.js';

export const TOKENIZER_FILE = 'tokenizer.json';

export type TokenizerJson = BpeJson | Gpt2Json;
export type SavableTokenizer = BpeTokenizer | Gpt2Tokenizer;

export function tokenizerFromJSON(json: TokenizerJson): SavableTokenizer {
  switch (json.kind) {
    case 'bpe':
      return BpeTokenizer.fromJSON(json);
    case 'gpt2':
      return Gpt2Tokenizer.fromJSON(json);
    default:
      throw new Error(`unknown tokenizer kind: ${(json as { kind?: unknown }).kind}`);
  }
}

/** Reads `tokenizer.json` from a checkpoint directory. */
export async function loadTokenizer(dir: string): Promise<SavableTokenizer> {
  const path = join(dir, TOKENIZER_FILE);
  const json = JSON.parse(await readFile(path, 'utf8')) as TokenizerJson;
  try {
    return tokenizerFromJSON(json);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Writes `tokenizer.json` into `dir` (created if missing); a crash mid-write leaves no half file. */
export async function saveTokenizer(dir: string, tok: SavableTokenizer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, TOKENIZER_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(tok.toJSON())}\n`);
  await rename(tmp, path);
}
