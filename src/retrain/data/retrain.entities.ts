import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Candidate {
  text: string;
  /** `original`: the message the report was about (or the conversation's reply); `sampled`: drawn from the serving policy. */
  origin: 'original' | 'sampled';
  seed: number | null;
}

export const TASK_SOURCES = ['report', 'sample'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
export type TaskStatus = 'sampling' | 'open' | 'complete' | 'failed';

/** A ranking task: the conversation up to a model message, and K candidate replies to rank. */
@Entity('comparison_tasks')
@Index('comparison_tasks_report_unique', ['reportId'], { unique: true, where: `"report_id" IS NOT NULL` })
@Index('comparison_tasks_status_idx', ['status', 'createdAt'])
export class ComparisonTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  source: TaskSource;

  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId: string | null;

  /** Who filed the report: they never rank this task. */
  @Column({ name: 'reporter_id', type: 'uuid', nullable: true })
  reporterId: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  /** The serving policy the alternatives were sampled from. */
  @Column({ name: 'model_version_id', type: 'uuid', nullable: true })
  modelVersionId: string | null;

  @Column({ type: 'jsonb' })
  prompt: PromptMessage[];

  /** K candidates in the order trainers see them (shuffled, so the original is not always first). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  candidates: Candidate[];

  @Column({ type: 'int' })
  k: number;

  @Column({ name: 'max_tokens', type: 'int', default: 32 })
  maxTokens: number;

  @Column({ name: 'required_rankings', type: 'int', default: 1 })
  requiredRankings: number;

  @Column({ type: 'varchar', length: 16 })
  status: TaskStatus;

  /** Mean pairwise agreement of the rankings (R > 1 only). */
  @Column({ type: 'double precision', nullable: true })
  agreement: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}

/** One trainer's ranking of a task's K candidates (0 is best; equal ranks are ties). */
@Entity('task_rankings')
@Index('task_rankings_task_trainer_unique', ['taskId', 'trainerId'], { unique: true })
export class TaskRanking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'trainer_id', type: 'uuid' })
  trainerId: string;

  @Column({ type: 'int', array: true })
  ranks: number[];

  @Column({ name: 'all_unacceptable', type: 'boolean', default: false })
  allUnacceptable: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}

/** An ideal assistant reply written by a trainer (SFT data). */
@Entity('demonstrations')
export class Demonstration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'jsonb' })
  prompt: PromptMessage[];

  @Column({ type: 'text' })
  content: string;

  /** The model-written suggestion the trainer started from, if any. */
  @Column({ type: 'text', nullable: true })
  suggestion: string | null;

  /** True when the trainer kept the suggestion unchanged. */
  @Column({ name: 'suggestion_accepted', type: 'boolean', default: false })
  suggestionAccepted: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}

/** An immutable training set: the row ids are frozen when it is taken. */
@Entity('dataset_snapshots')
export class DatasetSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'ranking_ids', type: 'uuid', array: true })
  rankingIds: string[];

  @Column({ name: 'demonstration_ids', type: 'uuid', array: true })
  demonstrationIds: string[];

  /** The reports the rankings' tasks came from (provenance). */
  @Column({ name: 'report_ids', type: 'uuid', array: true })
  reportIds: string[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}
