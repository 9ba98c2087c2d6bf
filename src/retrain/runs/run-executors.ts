import { BadRequestException, Injectable } from '@nestjs/common';
import type { RunExecutor } from './run-executor.js';
import type { RunKind } from './training-run.entity.js';

/** The executors of this process, registered by the modules that own each kind of model. */
@Injectable()
export class RunExecutors {
  private readonly executors = new Map<RunKind, RunExecutor>();

  register(executor: RunExecutor): void {
    this.executors.set(executor.kind, executor);
  }

  get(kind: RunKind): RunExecutor {
    const executor = this.executors.get(kind);
    if (!executor) throw new BadRequestException(`Runs of kind ${kind} are not available in this build`);
    return executor;
  }
}
