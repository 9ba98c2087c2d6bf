import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TriageService } from './triage.service.js';

const HOURLY = 3_600_000;

/** Closes needs_info reports left unanswered for 30 days, checked every hour by each API process. */
@Injectable()
export class UnansweredReportsScheduler implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(UnansweredReportsScheduler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly triage: TriageService) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.run(), HOURLY);
    this.timer.unref();
  }

  async run(): Promise<void> {
    const closed = await this.triage.closeUnanswered().catch((error: Error) => {
      this.logger.error(`closing unanswered reports failed: ${error.message}`);
      return 0;
    });
    if (closed) this.logger.log(`closed ${closed} report(s) left unanswered`);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
