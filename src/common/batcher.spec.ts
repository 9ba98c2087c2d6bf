import { Batcher } from './batcher.js';

/** A `run` that records its batches and answers when released. */
function recorder<I, O>(answer: (input: I) => O | Error) {
  const batches: I[][] = [];
  const releases: (() => void)[] = [];
  const run = (inputs: I[]) =>
    new Promise<(O | Error)[]>((resolve) => {
      batches.push(inputs);
      releases.push(() => resolve(inputs.map(answer)));
    });
  return { batches, run, releaseAll: () => releases.splice(0).forEach((release) => release()) };
}

/** Lets pending promise callbacks and the batcher's next turn run. */
const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('Batcher', () => {
  it('sends calls made together as one batch and answers each in order', async () => {
    const r = recorder((n: number) => n * 10);
    const batcher = new Batcher(r.run);
    const answers = Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    await tick();
    r.releaseAll();
    await expect(answers).resolves.toEqual([10, 20, 30]);
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('holds calls made while batches are in flight and sends them together when one returns', async () => {
    const r = recorder((n: number) => n);
    const batcher = new Batcher(r.run, { maxBatch: 100, concurrency: 1 });
    const first = batcher.submit(1);
    await tick();
    const later = [2, 3, 4, 5].map((n) => batcher.submit(n));
    await tick();
    expect(r.batches).toEqual([[1]]);
    r.releaseAll();
    await first;
    await tick();
    expect(r.batches).toEqual([[1], [2, 3, 4, 5]]);
    r.releaseAll();
    await expect(Promise.all(later)).resolves.toEqual([2, 3, 4, 5]);
  });

  it("sends the next batch before the finished batch's callers go on", async () => {
    const r = recorder((n: number) => n);
    const batcher = new Batcher(r.run);
    const first = batcher.submit(1);
    await tick();
    const waiting = batcher.submit(2);
    await tick();
    const sentWhenFirstAnswered = first.then(() => r.batches.length);
    r.releaseAll();
    await expect(sentWhenFirstAnswered).resolves.toBe(2);
    r.releaseAll();
    await expect(waiting).resolves.toBe(2);
  });

  it('splits at maxBatch and keeps at most `concurrency` batches in flight', async () => {
    const r = recorder((n: number) => n);
    const batcher = new Batcher(r.run, { maxBatch: 2, concurrency: 2 });
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    await tick();
    expect(r.batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    r.releaseAll();
    await tick();
    expect(r.batches.at(-1)).toEqual([5]);
    r.releaseAll();
    await expect(all).resolves.toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects only the caller whose input was answered with an error', async () => {
    const r = recorder((n: number) => (n === 2 ? new Error('two is refused') : n));
    const batcher = new Batcher(r.run);
    const calls = [1, 2, 3].map((n) => batcher.submit(n));
    await tick();
    r.releaseAll();
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('two is refused'));
  });

  it('rejects every caller of a batch that fails, and keeps serving later calls', async () => {
    let fail = true;
    const batcher = new Batcher<number, number>(async (inputs) => {
      if (fail) throw new Error('connection lost');
      return inputs;
    });
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(
      failed.every((s) => s.status === 'rejected' && (s.reason as Error).message === 'connection lost'),
    ).toBe(true);
    fail = false;
    await expect(batcher.submit(3)).resolves.toBe(3);
  });

  it('rejects a batch whose run answers the wrong number of inputs', async () => {
    const batcher = new Batcher<number, number>(async () => [1]);
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow(
      '1 answers for 2 inputs',
    );
  });
});
