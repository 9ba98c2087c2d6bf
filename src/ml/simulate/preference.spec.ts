import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPreference } from './preference.js';

const examples = join(import.meta.dirname, '..', '..', '..', 'examples', 'preferences');

describe('loadPreference', () => {
  it('loads the shipped example modules, whose scores order replies as their names say', async () => {
    const concise = await loadPreference(join(examples, 'concise.js'));
    expect(concise.name).toBe('concise');
    expect(concise.description).toMatch(/concise/);
    expect(concise.score('It is 4.')).toBeGreaterThan(
      concise.score('Well, if you add two and two, you get four.'),
    );
    expect(concise.score('')).toBeLessThan(concise.score('It is 4.'));
    const user = await loadPreference(join(examples, 'addresses-user.js'));
    expect(user.score('You can use the ladder.')).toBeGreaterThan(user.score('The ladder works.'));
    expect(user.score('Your ladder is fine, you can use it.')).toBeGreaterThan(
      user.score('You can use the ladder.'),
    );
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
