import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const RUN_KINDS = ['sft', 'reward', 'ppo', 'moderation'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export type RunStatus = 'queued' | 'running' | 'cancelling' | 'cancelled' | 'succeeded' | 'failed';

/** A training job: queued through the job queue, run by a worker, resumable from its last checkpoint. */
@Entity('training_runs')
@Index('training_runs_status_idx', ['status', 'createdAt'])
export class TrainingRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: RunKind;

  @Column({ type: 'varchar', length: 16 })
  status: RunStatus;

  /** The settings it was started with, defaults filled in. */
  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'int', default: 0 })
  step: number;

  @Column({ name: 'total_steps', type: 'int', nullable: true })
  totalSteps: number | null;

  /** Folder of the latest checkpoint, for resuming after a worker died. */
  @Column({ name: 'checkpoint_path', type: 'text', nullable: true })
  checkpointPath: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** What it ended with: final metrics, evaluation, the gate's verdict. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  summary: Record<string, unknown>;

  @Column({ name: 'model_version_id', type: 'uuid', nullable: true })
  modelVersionId: string | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One logged training step: loss, reward, KL, accuracy … as named numbers. */
@Entity('run_metrics')
@Index('run_metrics_run_step_idx', ['runId', 'id'])
export class RunMetric {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ type: 'int' })
  step: number;

  @Column({ type: 'jsonb' })
  values: Record<string, number>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}
