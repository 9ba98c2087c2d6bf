/**
 * A preference module: a plain ES module exporting `score(text: string): number` (higher is
 * preferred) and optionally `description`. The simulated trainers rank replies by it.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type ScoreFn = (text: string) => number;

export interface Preference {
  name: string;
  description?: string;
  score: ScoreFn;
}

export async function loadPreference(path: string): Promise<Preference> {
  const file = resolve(path);
  const mod = (await import(pathToFileURL(file).href)) as { score?: unknown; description?: unknown };
  if (typeof mod.score !== 'function')
    throw new Error(`${path}: a preference module must export a function score(text: string): number`);
  const name = file
    .split('/')
    .pop()!
    .replace(/\.[cm]?js$/, '');
  return {
    name,
    ...(typeof mod.description === 'string' ? { description: mod.description } : {}),
    score: checkedScore(name, mod.score as ScoreFn),
  };
}

/** Wraps score so a module that returns something other than a finite number fails loudly. */
export function checkedScore(name: string, score: ScoreFn): ScoreFn {
  return (text) => {
    const s = score(text);
    if (typeof s !== 'number' || !Number.isFinite(s))
      throw new Error(
        `preference ${name}: score(${JSON.stringify(text.slice(0, 40))}) returned ${String(s)}`,
      );
    return s;
  };
}
