import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const RATING_REASONS = ['harmful', 'untrue', 'unhelpful', 'biased', 'other'] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

/** Thumbs up or down on an assistant message; one per user per message, changeable. */
@Entity('ratings')
@Index('ratings_user_message_unique', ['userId', 'messageId'], { unique: true })
export class Rating {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Index('ratings_message_idx')
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ type: 'varchar', length: 4 })
  value: 'up' | 'down';

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  reasons: RatingReason[];

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const REPORT_KINDS = ['harmful_output', 'filter_false_positive', 'filter_false_negative', 'bias'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ['new', 'needs_info', 'accepted', 'rejected', 'duplicate'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What a reported message looked like when it was reported; later edits or deletions cannot change it. */
export interface ReportSnapshot {
  conversation: { id: string; title: string };
  /** The conversation from its root to the reported message, inclusive. */
  messages: { id: string; role: string; content: string; status: string; createdAt: string }[];
  message: { id: string; role: string; content: string; status: string; modelName: string | null; modelVersionId: string | null };
  moderation: {
    provider: string;
    modelVersion: string;
    action: string;
    categories: string[];
    scores: Record<string, number>;
    thresholds: Record<string, { warn: number; block: number }>;
  } | null;
  takenAt: string;
}

@Entity('reports')
@Index('reports_reporter_idempotency_unique', ['reporterId', 'idempotencyKey'], { unique: true, where: `"idempotency_key" IS NOT NULL` })
@Index('reports_status_kind_created_idx', ['status', 'kind', 'createdAt'])
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('reports_reporter_idx')
  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ReportKind;

  @Index('reports_message_idx')
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  categories: string[];

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'jsonb' })
  snapshot: ReportSnapshot;

  @Column({ type: 'varchar', length: 16, default: 'new' })
  status: ReportStatus;

  /** For duplicates: the original (the earliest report of the same finding). */
  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true })
  duplicateOf: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the request, so a reused Idempotency-Key with a different request is refused. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  /** MinHash signature of the description and reported text (signed int32s). */
  @Column({ type: 'int', array: true })
  signature: number[];

  /**
   * LSH band keys of the signature (see minhash `bands`): reports sharing a key are duplicate candidates.
   * Found with `&&` through a GIN index, which the migration creates (decorators cannot declare GIN).
   */
  @Index('reports_bands_idx', { synchronize: false })
  @Column({ type: 'bigint', array: true, default: () => "'{}'", select: false })
  bands?: string[];

  @Column({ name: 'needs_info_since', type: 'timestamptz', nullable: true })
  needsInfoSince: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A report's timeline: every status change and every exchange with the reporter. */
@Entity('report_events')
export class ReportEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('report_events_report_idx')
  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 32 })
  type: 'submitted' | 'decision' | 'answer' | 'auto_closed';

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: ReportStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: ReportStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}
