import { readFile } from 'node:fs/promises';
import { isModerationCategory, ModerationCategory, withParents } from './categories.js';

export type Split = 'train' | 'heldout';

export interface ModerationExample {
  text: string;
  /** Categories the text belongs to; [] for benign text. */
  labels: ModerationCategory[];
  split?: Split;
}

/**
 * Parses JSON Lines of `{text, labels, split}` (data/moderation/README.md). Unknown categories and
 * malformed lines are errors naming the line; missing parent categories are added.
 */
export function parseModerationJsonl(source: string): ModerationExample[] {
  const out: ModerationExample[] = [];
  source.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
    }
    const { text, labels, split } = (row ?? {}) as Record<string, unknown>;
    if (typeof text !== 'string') throw new Error(`${where}: "text" must be a string`);
    if (!Array.isArray(labels)) throw new Error(`${where}: "labels" must be an array`);
    for (const l of labels) {
      if (typeof l !== 'string' || !isModerationCategory(l))
        throw new Error(`${where}: unknown category ${JSON.stringify(l)}`);
    }
    if (split !== undefined && split !== 'train' && split !== 'heldout') {
      throw new Error(`${where}: "split" must be "train" or "heldout"`);
    }
    out.push({ text, labels: withParents(labels as ModerationCategory[]), ...(split ? { split } : {}) });
  });
  return out;
}

export async function readModerationJsonl(path: string): Promise<ModerationExample[]> {
  return parseModerationJsonl(await readFile(path, 'utf8'));
}
