import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ModelPrice } from './credit.entities.js';

/** Prices per 1000 tokens of /v1 usage, per model, set by admins. A model without a price is free. */
@Injectable()
export class PricesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<ModelPrice[]> {
    return this.dataSource.manager.find(ModelPrice, { order: { model: 'ASC' } });
  }

  /** Micro-credits per 1000 tokens; 0 when the model has no price. */
  async pricePer1kMicro(model: string): Promise<number> {
    return (await this.dataSource.manager.findOneBy(ModelPrice, { model }))?.pricePer1kMicro ?? 0;
  }

  async set(model: string, pricePer1kMicro: number, actorId: string): Promise<ModelPrice> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOneBy(ModelPrice, { model });
      await manager.upsert(ModelPrice, { model, pricePer1kMicro, updatedBy: actorId }, ['model']);
      await this.audit.record(
        {
          actorId,
          action: 'credits.price',
          entityType: 'model_price',
          entityId: model.slice(0, 64),
          data: { model, beforeMicro: before?.pricePer1kMicro ?? null, afterMicro: pricePer1kMicro },
        },
        manager,
      );
      return manager.findOneByOrFail(ModelPrice, { model });
    });
  }
}
