import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CategoryScores, ModerationCategory } from '../ml/classifier/categories.js';

export type ModerationAction = 'allow' | 'warn' | 'block';

/** Per-category score thresholds: at or above `warn` the text carries a notice; at or above `block` it is withheld. */
@Entity('moderation_thresholds')
export class ModerationThreshold {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  category: ModerationCategory;

  @Column({ type: 'real' })
  warn: number;

  @Column({ type: 'real' })
  block: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An exact term an operator lists: a match scores its category 1. */
@Entity('moderation_rules')
@Index('moderation_rules_unique', ['category', 'term'], { unique: true })
export class ModerationRuleRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  category: ModerationCategory;

  @Column({ type: 'varchar', length: 200 })
  term: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** What the filter decided about one text (a user message or a model reply), and why. */
@Entity('moderation_decisions')
export class ModerationDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('moderation_decisions_message_idx')
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ type: 'varchar', length: 16 })
  target: 'input' | 'output';

  @Column({ type: 'varchar', length: 32 })
  provider: string;

  @Column({ name: 'model_version', type: 'varchar', length: 200 })
  modelVersion: string;

  @Column({ type: 'jsonb' })
  scores: CategoryScores;

  @Column({ type: 'varchar', length: 8 })
  action: ModerationAction;

  /** Categories at or above their warn threshold. */
  @Column({ type: 'text', array: true })
  categories: ModerationCategory[];

  @Column({ name: 'matched_rules', type: 'jsonb', default: () => `'[]'` })
  matchedRules: { category: ModerationCategory; term: string }[];

  @Column({ type: 'jsonb' })
  thresholds: Record<string, { warn: number; block: number }>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A labelled text for (re)training the local classifier: corrections from accepted filter reports. */
@Entity('moderation_examples')
export class ModerationExampleRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', array: true })
  labels: ModerationCategory[];

  @Column({ type: 'varchar', length: 8 })
  split: 'train' | 'heldout';

  @Column({ type: 'varchar', length: 16 })
  source: 'report' | 'operator';

  @Index('moderation_examples_report_unique', { unique: true, where: `"report_id" IS NOT NULL` })
  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
