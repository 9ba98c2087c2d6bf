import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreditBalance, CreditLedgerEntry, type LedgerKind } from './credit.entities.js';
import { idempotencyKeyReused, wouldOverdraw } from './credits.errors.js';
import { fromMicro } from './money.js';

export interface Posting {
  userId: string;
  kind: LedgerKind;
  /** Micro-credits, non-zero: positive credits the user, negative debits. */
  amountMicro: number;
  /** Unique across the ledger: posting the same key again returns the first entry and changes nothing. */
  idempotencyKey: string;
  reason?: string | null;
  refType?: string | null;
  refId?: string | null;
  details?: Record<string, unknown>;
  actorId?: string | null;
  /** Refuse when the entry would take the balance below zero. */
  noOverdraft?: boolean;
}

export interface Posted {
  entry: CreditLedgerEntry;
  /** False when the idempotency key had been posted before. */
  created: boolean;
}

/**
 * The append-only credit ledger: this is the one place that writes it, and it only ever inserts. Each posting
 * locks the owner's balance row, so postings of one user are serialised and `balance_after` is exact.
 */
@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Posts in the caller's transaction when given its manager (so it commits with the caller's change). */
  async post(posting: Posting, manager?: EntityManager): Promise<Posted> {
    const posted = await this.run(posting, false, manager);
    if (!posted) throw new Error('an uncapped posting always writes or finds its entry');
    return posted;
  }

  /**
   * A debit that takes at most what is left: the usage call that runs the credits out is charged the remainder,
   * so a balance never goes below zero. The full amount is kept in details as `requestedMicro`. Null when
   * nothing was left to take.
   */
  debitUpToBalance(posting: Posting): Promise<Posted | null> {
    return this.run(posting, true);
  }

  private run(posting: Posting, capAtBalance: boolean, manager?: EntityManager): Promise<Posted | null> {
    return manager
      ? this.postIn(manager, posting, capAtBalance)
      : this.dataSource.transaction((m) => this.postIn(m, posting, capAtBalance));
  }

  private async postIn(manager: EntityManager, posting: Posting, capAtBalance: boolean): Promise<Posted | null> {
    if (!Number.isSafeInteger(posting.amountMicro) || posting.amountMicro === 0)
      throw new RangeError('amountMicro must be a non-zero whole number');
    await manager
      .createQueryBuilder()
      .insert()
      .into(CreditBalance)
      .values({ userId: posting.userId, balanceMicro: 0 })
      .orIgnore()
      .execute();
    const balance = await manager.findOneOrFail(CreditBalance, {
      where: { userId: posting.userId },
      lock: { mode: 'pessimistic_write' },
    });
    const earlier = await manager.findOneBy(CreditLedgerEntry, { idempotencyKey: posting.idempotencyKey });
    if (earlier) {
      const sameAmount = capAtBalance
        ? earlier.details?.requestedMicro === posting.amountMicro
        : earlier.amountMicro === posting.amountMicro;
      if (earlier.userId !== posting.userId || !sameAmount || earlier.kind !== posting.kind)
        throw idempotencyKeyReused();
      return { entry: earlier, created: false };
    }
    const amountMicro = capAtBalance
      ? Math.max(posting.amountMicro, -Math.max(balance.balanceMicro, 0))
      : posting.amountMicro;
    if (amountMicro === 0) return null;
    const after = balance.balanceMicro + amountMicro;
    if (posting.noOverdraft && after < 0)
      throw wouldOverdraw(fromMicro(balance.balanceMicro), fromMicro(posting.amountMicro));
    const entry = await manager.save(
      manager.create(CreditLedgerEntry, {
        userId: posting.userId,
        kind: posting.kind,
        amountMicro,
        balanceAfterMicro: after,
        idempotencyKey: posting.idempotencyKey,
        reason: posting.reason ?? null,
        refType: posting.refType ?? null,
        refId: posting.refId ?? null,
        details: capAtBalance
          ? { ...posting.details, requestedMicro: posting.amountMicro }
          : (posting.details ?? {}),
        actorId: posting.actorId ?? null,
      }),
    );
    await manager.update(CreditBalance, { userId: posting.userId }, { balanceMicro: after });
    return { entry, created: true };
  }

  async balanceMicro(userId: string): Promise<number> {
    const row = await this.dataSource.manager.findOneBy(CreditBalance, { userId });
    return row?.balanceMicro ?? 0;
  }

  entries(userId: string, limit: number, offset: number): Promise<[CreditLedgerEntry[], number]> {
    return this.dataSource.manager.findAndCount(CreditLedgerEntry, {
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }
}
