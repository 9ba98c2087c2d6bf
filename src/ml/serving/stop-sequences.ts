/**
 * Streams text while watching for stop sequences: text that could still turn out to be the start of
 * a stop sequence is held back, so a client never sees part of one.
 */
export class StopSequenceFilter {
  private text = '';
  private emitted = 0;
  constructor(private readonly stops: readonly string[]) {}

  /** Adds text; returns what is safe to emit and whether a stop sequence was reached. */
  push(piece: string): { delta: string; stopped: boolean } {
    this.text += piece;
    const at = this.firstStop();
    if (at >= 0) {
      this.text = this.text.slice(0, at);
      return { delta: this.take(this.text.length), stopped: true };
    }
    return { delta: this.take(this.text.length - this.partialStopLength()), stopped: false };
  }

  /** Emits whatever was held back; call when generation ends without a stop sequence. */
  flush(): string {
    return this.take(this.text.length);
  }

  get fullText(): string {
    return this.text;
  }

  private firstStop(): number {
    let first = -1;
    for (const stop of this.stops) {
      const at = stop ? this.text.indexOf(stop) : -1;
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  }

  /** Length of the longest end of the text that is the beginning of some stop sequence. */
  private partialStopLength(): number {
    let longest = 0;
    for (const stop of this.stops) {
      for (let k = Math.min(stop.length - 1, this.text.length); k > longest; k--) {
        if (this.text.endsWith(stop.slice(0, k))) {
          longest = k;
          break;
        }
      }
    }
    return longest;
  }

  private take(end: number): string {
    if (end <= this.emitted) return '';
    const delta = this.text.slice(this.emitted, end);
    this.emitted = end;
    return delta;
  }
}
