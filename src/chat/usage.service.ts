import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsageRecord } from './usage-record.entity.js';

export interface UsageEntry {
  userId: string;
  apiKeyId: string | null;
  model: string;
  source: 'chat' | 'api';
  promptTokens: number;
  completionTokens: number;
}

@Injectable()
export class UsageService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: UsageEntry): Promise<void> {
    await this.dataSource.manager.insert(UsageRecord, entry);
  }
}
