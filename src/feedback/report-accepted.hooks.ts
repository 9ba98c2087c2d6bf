import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Report } from './feedback.entities.js';

/** Work that belongs to accepting a report (a ranking task, say), done in the triage decision's transaction. */
export interface ReportAcceptedListener {
  onReportAccepted(manager: EntityManager, report: Report): Promise<void>;
}

/**
 * Where other modules register what follows an accepted report, so feedback does not depend on them.
 * A listener that throws rolls the decision back: the report stays open and the trainer sees the error.
 */
@Injectable()
export class ReportAcceptedHooks {
  private readonly listeners: ReportAcceptedListener[] = [];

  register(listener: ReportAcceptedListener): void {
    this.listeners.push(listener);
  }

  async notify(manager: EntityManager, report: Report): Promise<void> {
    for (const listener of this.listeners) await listener.onReportAccepted(manager, report);
  }
}
