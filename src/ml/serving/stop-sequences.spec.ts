import { StopSequenceFilter } from './stop-sequences.js';

describe('StopSequenceFilter', () => {
  it('never emits part of a stop sequence, and cuts the text before it', () => {
    const filter = new StopSequenceFilter(['\nUser:']);
    const out = ['Hello', ' there', '\nUs', 'er: more'].map((p) => filter.push(p));
    expect(out.map((o) => o.delta).join('')).toBe('Hello there');
    expect(out.at(-1)!.stopped).toBe(true);
    expect(filter.fullText).toBe('Hello there');
  });

  it('releases held-back text that turned out not to be a stop', () => {
    const filter = new StopSequenceFilter(['END']);
    expect(filter.push('abcE').delta).toBe('abc');
    expect(filter.push('N').delta).toBe('');
    expect(filter.push('x').delta).toBe('ENx');
    expect(filter.push('EN').delta).toBe('');
    expect(filter.flush()).toBe('EN');
  });

  it('stops at the earliest of several sequences', () => {
    const filter = new StopSequenceFilter(['zz', 'b']);
    expect(filter.push('azzb')).toEqual({ delta: 'a', stopped: true });
  });

  it('passes everything through without stops', () => {
    const filter = new StopSequenceFilter([]);
    expect(filter.push('abc')).toEqual({ delta: 'abc', stopped: false });
  });
});
