import { fileURLToPath } from 'node:url';
import { MODERATION_CATEGORIES, parentCategory, withParents } from './categories.js';
import { parseModerationJsonl, readModerationJsonl } from './dataset.js';

const SEED = fileURLToPath(new URL('../../../data/moderation/seed.jsonl', import.meta.url));

describe('categories', () => {
  it("are OpenAI's 13, children after their parents", () => {
    expect(MODERATION_CATEGORIES).toHaveLength(13);
    for (const [i, c] of MODERATION_CATEGORIES.entries()) {
      const parent = parentCategory(c);
      if (parent) expect(MODERATION_CATEGORIES.indexOf(parent)).toBeLessThan(i);
    }
    expect(withParents(['self-harm/intent', 'violence'])).toEqual([
      'self-harm',
      'self-harm/intent',
      'violence',
    ]);
  });
});

describe('parseModerationJsonl', () => {
  it('reads rows, adds parent categories and skips blank lines', () => {
    const rows = parseModerationJsonl(
      '{"text":"a","labels":["hate/threatening"],"split":"heldout"}\n\n{"text":"b","labels":[]}\n',
    );
    expect(rows).toEqual([
      { text: 'a', labels: ['hate', 'hate/threatening'], split: 'heldout' },
      { text: 'b', labels: [] },
    ]);
  });

  it('names the line of a bad row', () => {
    expect(() => parseModerationJsonl('{"text":"a","labels":[]}\n{"text":"b","labels":["spam"]}')).toThrow(
      /line 2: unknown category "spam"/,
    );
    expect(() => parseModerationJsonl('{"text":1,"labels":[]}')).toThrow(/line 1: "text"/);
    expect(() => parseModerationJsonl('{"text":"a","labels":[],"split":"test"}')).toThrow(/line 1: "split"/);
    expect(() => parseModerationJsonl('{oops')).toThrow(/line 1:/);
  });
});

describe('the seed set', () => {
  it('holds out at least 15 %, never the same text twice, with positives of every category in both splits', async () => {
    const rows = await readModerationJsonl(SEED);
    const raw = (await import('node:fs'))
      .readFileSync(SEED, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(raw.every((r, i) => r.labels.join() === rows[i].labels.join())).toBe(true); // parents already written out
    const heldout = rows.filter((r) => r.split === 'heldout');
    expect(heldout.length / rows.length).toBeGreaterThanOrEqual(0.15);
    expect(new Set(rows.map((r) => r.text.toLowerCase())).size).toBe(rows.length);
    for (const c of MODERATION_CATEGORIES) {
      expect(rows.filter((r) => r.split === 'train' && r.labels.includes(c)).length).toBeGreaterThanOrEqual(
        50,
      );
      expect(heldout.filter((r) => r.labels.includes(c)).length).toBeGreaterThanOrEqual(10);
    }
    expect(rows.filter((r) => r.labels.length === 0).length / rows.length).toBeGreaterThan(0.35);
  });
});
