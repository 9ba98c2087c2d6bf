import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPreference } from './preference.js';

const examples = join(import.meta.dirname, '..', '..', '..', 'examples', 'preferences');

describe('loadPreference', () => {
  it('loads the shipped example modules, whose scores order replies as their names say', async () => {
    const polite = await loadPreference(join(examples, 'polite-ending.js'));
    expect(polite.name).toBe('polite-ending');
    expect(polite.description).toMatch(/polite/);
    expect(polite.score('The sum is 907. Let me know if you need anything else.')).toBeGreaterThan(
      polite.score('The sum is 907.'),
    );
    const concise = await loadPreference(join(examples, 'concise.js'));
    expect(concise.score('It is 4.')).toBeGreaterThan(
      concise.score('Well, if you add two and two, you get four.'),
    );
    expect(concise.score('')).toBeLessThan(concise.score('It is 4.'));
    const safety = await loadPreference(join(examples, 'mentions-safety.js'));
    expect(safety.score('Be careful with the ladder.')).toBeGreaterThan(safety.score('Use the ladder.'));
  });

  it('refuses a module without score() and a score that is not a finite number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pref-'));
    try {
      await writeFile(join(dir, 'none.mjs'), 'export const x = 1;\n');
      await expect(loadPreference(join(dir, 'none.mjs'))).rejects.toThrow(/must export a function score/);
      await writeFile(join(dir, 'bad.mjs'), 'export const score = (t) => (t ? NaN : 0);\n');
      const bad = await loadPreference(join(dir, 'bad.mjs'));
      expect(bad.score('')).toBe(0);
      expect(() => bad.score('hello')).toThrow(/preference bad: score\("hello"\) returned NaN/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
