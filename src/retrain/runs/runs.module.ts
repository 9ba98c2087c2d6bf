import { Module } from '@nestjs/common';
import { RunExecutors } from './run-executors.js';
import { RunRunner } from './run-runner.js';
import { RunWorker } from './run-worker.js';
import { RunsController } from './runs.controller.js';
import { RunsService } from './runs.service.js';

/** Training runs of every kind: queue, worker, progress, metrics. Kinds register their executors. */
@Module({
  controllers: [RunsController],
  providers: [RunsService, RunExecutors, RunRunner, RunWorker],
  exports: [RunsService, RunExecutors],
})
export class RunsModule {}
