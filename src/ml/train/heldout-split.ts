/**
 * Every `every`-th item (the last of each group of `every`) held out, the rest to train on: a split that is
 * the same on every run and resume of the same data, with no seed to keep.
 */
export function splitHeldout<T>(items: readonly T[], every: number): { train: T[]; heldout: T[] } {
  if (!Number.isInteger(every) || every < 2) throw new RangeError('every must be a whole number >= 2');
  const isHeldout = (i: number) => i % every === every - 1;
  return { train: items.filter((_, i) => !isHeldout(i)), heldout: items.filter((_, i) => isHeldout(i)) };
}
