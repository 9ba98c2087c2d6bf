import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MODEL_KINDS = ['policy', 'reward', 'moderation'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const MODEL_STATUSES = ['candidate', 'serving', 'retired', 'rejected'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** One trained (or imported) model. At most one version of each kind is `serving`. */
@Entity('model_versions')
@Index('model_versions_one_serving_per_kind', ['kind'], { unique: true, where: `"status" = 'serving'` })
export class ModelVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ModelKind;

  /** Unique, human-readable, used as the OpenAI `model` id of a policy. */
  @Index('model_versions_name_unique', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** Folder holding config.json, weights and tokenizer; relative paths are under the project root. */
  @Column({ name: 'checkpoint_path', type: 'text' })
  checkpointPath: string;

  @Column({ type: 'varchar', length: 16 })
  status: ModelStatus;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  metrics: Record<string, unknown>;

  @Column({ name: 'training_run_id', type: 'uuid', nullable: true })
  trainingRunId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt: Date | null;
}
