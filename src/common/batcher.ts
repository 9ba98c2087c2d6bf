/**
 * Group commit for database work: calls that arrive while earlier batches are in flight wait, then go
 * together as one call of `run` (at most `maxBatch` at a time). Alone, a call goes on the next turn of
 * the event loop; under load, one round trip serves many callers instead of each taking a pooled
 * connection of its own.
 *
 * One batch in flight by default: under load the next batch grows while the current one runs, which
 * measured faster than two smaller batches at a time (bench/ingest.ts: fewer round trips, less CPU).
 *
 * `run` answers each input in order; an input it answers with an Error rejects that caller only, and a
 * thrown error rejects the whole batch.
 */
export class Batcher<I, O> {
  private readonly queue: { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (inputs: I[]) => Promise<(O | Error)[]>,
    private readonly options: { maxBatch: number; concurrency: number } = { maxBatch: 256, concurrency: 1 },
  ) {}

  submit(input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.concurrency || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.run(batch.map((call) => call.input)).then(
        (outputs) =>
          this.settle(() => {
            if (outputs.length !== batch.length)
              throw new Error(`Batcher: ${outputs.length} answers for ${batch.length} inputs`);
            batch.forEach((call, i) => {
              const output = outputs[i];
              if (output instanceof Error) call.reject(output);
              else call.resolve(output);
            });
          }, batch),
        (error: unknown) => this.settle(() => batch.forEach((call) => call.reject(error)), batch),
      );
    }
  }

  /**
   * The next batch is sent before this one's callers go on: the database works on it while they write their
   * answers, instead of waiting for them (under load, ~100 callers take an event-loop turn of several ms).
   */
  private settle(answer: () => void, batch: { reject: (error: unknown) => void }[]): void {
    this.inFlight--;
    this.flush();
    try {
      answer();
    } catch (error) {
      batch.forEach((call) => call.reject(error));
    }
  }
}
