import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager so the audit row commits or rolls back with the change. */
  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditLog, { ...entry, data: (entry.data ?? {}) as object });
  }

  list(entityType: string, entityId: string): Promise<AuditLog[]> {
    return this.dataSource.manager.find(AuditLog, {
      where: { entityType, entityId },
      order: { createdAt: 'ASC' },
    });
  }
}
