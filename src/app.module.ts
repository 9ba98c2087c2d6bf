import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ChatModule } from './chat/chat.module.js';
import { ConfigModule } from './config/config.module.js';
import { ContestModule } from './contest/contest.module.js';
import { CreditsModule } from './credits/credits.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import type { AppConfig } from './config/config.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ModelModule } from './model/model.module.js';
import { ModerationModule } from './moderation/moderation.module.js';
import { RetrainModule } from './retrain/retrain.module.js';

export interface AppOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: true }),
        AuditModule,
        JobsModule.forRoot(databaseUrl),
        AuthModule,
        ModelModule,
        ModerationModule,
        ChatModule,
        FeedbackModule,
        CreditsModule,
        ContestModule,
        RetrainModule,
        HealthModule,
      ],
    };
  }
}
