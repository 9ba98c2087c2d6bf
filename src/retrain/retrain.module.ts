import { Module } from '@nestjs/common';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { ModelModule } from '../model/model.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { DatasetsController } from './datasets/datasets.controller.js';
import { DatasetsService } from './datasets/datasets.service.js';
import { DemonstrationsController } from './demonstrations/demonstrations.controller.js';
import { DemonstrationsService } from './demonstrations/demonstrations.service.js';
import { LineageController } from './lineage/lineage.controller.js';
import { LineageService } from './lineage/lineage.service.js';
import { RunsModule } from './runs/runs.module.js';
import { CandidateSampler } from './tasks/candidate-sampler.js';
import { ConversationSampling } from './tasks/conversation-sampling.js';
import { ReportTasksListener } from './tasks/report-tasks.listener.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TasksService } from './tasks/tasks.service.js';
import { PpoExecutor } from './training/ppo.executor.js';
import { RewardExecutor } from './training/reward.executor.js';
import { SftExecutor } from './training/sft.executor.js';

/** The retraining loop: comparison tasks, demonstrations, dataset snapshots, reward, PPO and SFT runs. */
@Module({
  imports: [RunsModule, ModelModule, ModerationModule, FeedbackModule],
  controllers: [TasksController, DemonstrationsController, DatasetsController, LineageController],
  providers: [TasksService, CandidateSampler, ReportTasksListener, ConversationSampling, DemonstrationsService, DatasetsService, RewardExecutor, PpoExecutor, SftExecutor, LineageService],
})
export class RetrainModule {}
