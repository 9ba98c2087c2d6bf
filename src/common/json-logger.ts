import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/config.js';
import { currentRequestId } from './request-context.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** One JSON object per line on stdout, with the request id when there is one. */
export class JsonLogger implements LoggerService {
  constructor(private readonly level: LogLevel = 'info') {}

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string) {
    const stack = context ? stackOrContext : undefined;
    this.write('error', message, context ?? stackOrContext, stack);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('debug', message, context);
  }

  /** Structured entry, e.g. the per-request line. */
  info(entry: Record<string, unknown>) {
    this.emit('info', entry);
  }

  private write(level: Exclude<LogLevel, 'silent'>, message: unknown, context?: string, stack?: string) {
    const entry = typeof message === 'object' && message !== null ? { ...message } : { msg: String(message) };
    this.emit(level, { ...entry, context, stack });
  }

  private emit(level: Exclude<LogLevel, 'silent'>, entry: Record<string, unknown>) {
    if (ORDER[level] < ORDER[this.level]) return;
    const line = { time: new Date().toISOString(), level, reqId: currentRequestId(), ...entry };
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}
