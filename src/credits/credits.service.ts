import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { UsersService } from '../auth/users.service.js';
import type { CreditLedgerEntry } from './credit.entities.js';
import { insufficientQuota } from './credits.errors.js';
import { LedgerService, type Posted } from './ledger.service.js';
import { usageCostMicro } from './money.js';
import { PricesService } from './prices.service.js';

export interface ManualPosting {
  userId: string;
  amountMicro: number;
  reason: string;
  actorId: string;
  /** From the admin's Idempotency-Key header: a retried request posts once. */
  idempotencyKey?: string;
}

export interface AwardPosting {
  userId: string;
  amountMicro: number;
  contestId: string;
  entryId: string;
  reason: string;
  details?: Record<string, unknown>;
}

export interface UsageCharge {
  userId: string;
  apiKeyId: string | null;
  model: string;
  promptTokens: number;
  completionTokens: number;
  /** One per /v1 request: the charge's idempotency key. */
  requestId: string;
}

/** Credits: what contests award, admins grant or adjust, and /v1 usage draws on. */
@Injectable()
export class CreditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly prices: PricesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  balanceMicro(userId: string): Promise<number> {
    return this.ledger.balanceMicro(userId);
  }

  entries(userId: string, limit: number, offset: number): Promise<[CreditLedgerEntry[], number]> {
    return this.ledger.entries(userId, limit, offset);
  }

  /** An admin gives credits (amount > 0), with a reason; audited. */
  grant(input: ManualPosting): Promise<Posted> {
    return this.manual('grant', input);
  }

  /** An admin corrects a balance either way, with a reason, never below zero; audited. */
  adjust(input: ManualPosting): Promise<Posted> {
    return this.manual('adjustment', input);
  }

  private async manual(kind: 'grant' | 'adjustment', input: ManualPosting): Promise<Posted> {
    await this.users.get(input.userId); // 404 for an unknown user
    const key = `${kind}:${input.actorId}:${input.idempotencyKey ?? randomUUID()}`;
    return this.dataSource.transaction(async (manager) => {
      const posted = await this.ledger.post(
        {
          userId: input.userId,
          kind,
          amountMicro: input.amountMicro,
          idempotencyKey: key,
          reason: input.reason,
          actorId: input.actorId,
          noOverdraft: kind === 'adjustment',
        },
        manager,
      );
      if (posted.created) {
        await this.audit.record(
          {
            actorId: input.actorId,
            action: `credits.${kind}`,
            entityType: 'credit_ledger',
            entityId: posted.entry.id,
            data: { userId: input.userId, amountMicro: input.amountMicro, reason: input.reason },
          },
          manager,
        );
      }
      return posted;
    });
  }

  /** A contest award, in the finalising transaction; keyed by entry, so it is paid once however often it runs. */
  award(input: AwardPosting, manager: EntityManager): Promise<Posted> {
    return this.ledger.post(
      {
        userId: input.userId,
        kind: 'award',
        amountMicro: input.amountMicro,
        idempotencyKey: `award:contest_entry:${input.entryId}`,
        reason: input.reason,
        refType: 'contest_entry',
        refId: input.entryId,
        details: { contestId: input.contestId, ...input.details },
      },
      manager,
    );
  }

  /** Before a /v1 completion: a priced model needs a positive balance (429 insufficient_quota otherwise). */
  async assertCanSpend(userId: string, model: string): Promise<void> {
    if ((await this.prices.pricePer1kMicro(model)) === 0) return;
    if ((await this.ledger.balanceMicro(userId)) <= 0) throw insufficientQuota(model);
  }

  /**
   * After a /v1 completion: prompt + completion tokens × the model's price. The call that runs the credits out
   * is charged what was left (the balance never goes below zero); the next call is refused.
   */
  async chargeUsage(usage: UsageCharge): Promise<CreditLedgerEntry | null> {
    const price = await this.prices.pricePer1kMicro(usage.model);
    const tokens = usage.promptTokens + usage.completionTokens;
    const cost = usageCostMicro(tokens, price);
    if (cost === 0) return null;
    const posted = await this.ledger.debitUpToBalance({
      userId: usage.userId,
      kind: 'usage',
      amountMicro: -cost,
      idempotencyKey: `usage:${usage.requestId}`,
      refType: usage.apiKeyId ? 'api_key' : null,
      refId: usage.apiKeyId,
      details: {
        model: usage.model,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        pricePer1kMicro: price,
      },
    });
    return posted?.entry ?? null;
  }
}
