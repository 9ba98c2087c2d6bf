import { splitHeldout } from './heldout-split.js';

describe('splitHeldout', () => {
  it('holds out the last item of every group of `every`, in order', () => {
    expect(splitHeldout([0, 1, 2, 3, 4, 5, 6, 7], 3)).toEqual({ train: [0, 1, 3, 4, 6, 7], heldout: [2, 5] });
    expect(splitHeldout([0], 5)).toEqual({ train: [0], heldout: [] });
  });

  it('refuses an interval that would hold out everything or nothing sensible', () => {
    expect(() => splitHeldout([1, 2], 1)).toThrow('every must be a whole number >= 2');
    expect(() => splitHeldout([1, 2], 2.5)).toThrow(RangeError);
  });
});
