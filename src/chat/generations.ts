import { Injectable } from '@nestjs/common';

/** Generations in flight in this process, by assistant message id, so a user can stop one. */
@Injectable()
export class Generations {
  private readonly running = new Map<string, { userId: string; controller: AbortController }>();

  start(messageId: string, userId: string): AbortController {
    const controller = new AbortController();
    this.running.set(messageId, { userId, controller });
    return controller;
  }

  finish(messageId: string): void {
    this.running.delete(messageId);
  }

  /** True when a generation of this user's was stopped. */
  stop(messageId: string, userId: string): boolean {
    const entry = this.running.get(messageId);
    if (!entry || entry.userId !== userId) return false;
    entry.controller.abort();
    return true;
  }
}
