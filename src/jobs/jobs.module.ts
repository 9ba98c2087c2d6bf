import { DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_URL } from '../database/database-url.js';
import { JobsService } from './jobs.service.js';

@Global()
@Module({})
export class JobsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: DATABASE_URL, useValue: databaseUrl }, JobsService],
      exports: [JobsService],
    };
  }
}
