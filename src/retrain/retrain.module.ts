import { Module } from '@nestjs/common';
import { ModelModule } from '../model/model.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { DatasetsController } from './datasets/datasets.controller.js';
import { DatasetsService } from './datasets/datasets.service.js';
import { DemonstrationsController } from './demonstrations/demonstrations.controller.js';
import { DemonstrationsService } from './demonstrations/demonstrations.service.js';
import { RunsModule } from './runs/runs.module.js';
import { CandidateSampler } from './tasks/candidate-sampler.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TasksService } from './tasks/tasks.service.js';
import { PpoExecutor } from './training/ppo.executor.js';
import { RewardExecutor } from './training/reward.executor.js';

/** The retraining loop: comparison tasks, demonstrations, dataset snapshots, reward and PPO runs. */
@Module({
  imports: [RunsModule, ModelModule, ModerationModule],
  controllers: [TasksController, DemonstrationsController, DatasetsController],
  providers: [TasksService, CandidateSampler, DemonstrationsService, DatasetsService, RewardExecutor, PpoExecutor],
})
export class RetrainModule {}
