import type { ModerationResult } from './moderation.service.js';

/**
 * Moderates a reply while it streams: text is released only after the filter has seen it, checked on
 * the whole reply so far every `every` characters, so a blocked reply is cut before its blocked part
 * reaches the client. `finish` checks the complete text once more.
 */
export class StreamingModeration {
  private text = '';
  private released = 0;
  private lastChecked = 0;
  private chain: Promise<void> = Promise.resolve();
  private blockedBy: ModerationResult | undefined;

  constructor(
    private readonly check: (text: string) => Promise<ModerationResult>,
    private readonly release: (delta: string) => void,
    private readonly onBlock: () => void,
    private readonly every = 32,
  ) {}

  get blocked(): boolean {
    return this.blockedBy !== undefined;
  }

  push(delta: string): void {
    this.text += delta;
    if (this.text.length - this.lastChecked < this.every) return;
    const upTo = this.text.length;
    this.lastChecked = upTo;
    this.chain = this.chain.then(() => this.checkAndRelease(upTo));
  }

  /** The decision on the whole reply; releases what is left when it is not blocked. */
  async finish(fullText: string): Promise<ModerationResult> {
    await this.chain;
    if (this.blockedBy) return this.blockedBy;
    this.text = fullText;
    const result = await this.check(fullText);
    if (result.action === 'block') this.block(result);
    else this.releaseUpTo(fullText.length);
    return result;
  }

  private async checkAndRelease(upTo: number): Promise<void> {
    if (this.blockedBy) return;
    const result = await this.check(this.text.slice(0, upTo));
    if (result.action === 'block') this.block(result);
    else this.releaseUpTo(upTo);
  }

  private block(result: ModerationResult): void {
    if (this.blockedBy) return;
    this.blockedBy = result;
    this.onBlock();
  }

  private releaseUpTo(end: number): void {
    if (end <= this.released) return;
    this.release(this.text.slice(this.released, end));
    this.released = end;
  }
}
