import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintAsNumber } from './money.js';

export const LEDGER_KINDS = ['award', 'grant', 'adjustment', 'usage'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * Append-only: every change to a balance is one row, never updated or deleted. The idempotency key makes a
 * retried (or concurrent) posting land once.
 */
@Entity('credit_ledger')
@Index('credit_ledger_user_created_idx', ['userId', 'createdAt'])
@Check('credit_ledger_amount_nonzero', `"amount_micro" <> 0`)
export class CreditLedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: LedgerKind;

  /** Micro-credits, positive (credit) or negative (debit). */
  @Column({ name: 'amount_micro', type: 'bigint', transformer: bigintAsNumber })
  amountMicro: number;

  /** The owner's balance right after this entry. */
  @Column({ name: 'balance_after_micro', type: 'bigint', transformer: bigintAsNumber })
  balanceAfterMicro: number;

  @Index('credit_ledger_idempotency_unique', { unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  /** Why, in words: shown to the owner (grants and adjustments must give one). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** What it pays for, e.g. `contest_entry` + entry id. */
  @Column({ name: 'ref_type', type: 'varchar', length: 32, nullable: true })
  refType: string | null;

  @Column({ name: 'ref_id', type: 'varchar', length: 64, nullable: true })
  refId: string | null;

  /** Usage: model, tokens and price; awards: contest and rank. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  /** Who posted it (admins for grants and adjustments); null for the system. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}

/** The running total of a user's ledger, kept in the same transaction as each entry (and locked by it). */
@Entity('credit_balances')
export class CreditBalance {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'balance_micro', type: 'bigint', default: 0, transformer: bigintAsNumber })
  balanceMicro: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** What /v1 usage of a model costs, per 1000 tokens (prompt and completion alike). No row: free. */
@Entity('model_prices')
@Check('model_prices_price_nonnegative', `"price_per_1k_micro" >= 0`)
export class ModelPrice {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  model: string;

  @Column({ name: 'price_per_1k_micro', type: 'bigint', transformer: bigintAsNumber })
  pricePer1kMicro: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
