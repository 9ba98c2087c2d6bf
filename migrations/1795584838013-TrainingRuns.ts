import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrainingRuns1795584838013 implements MigrationInterface {
  name = 'TrainingRuns1795584838013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"training_runs\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"kind\" character varying(16) NOT NULL, \"status\" character varying(16) NOT NULL, \"params\" jsonb NOT NULL, \"created_by\" uuid, \"step\" integer NOT NULL DEFAULT '0', \"total_steps\" integer, \"checkpoint_path\" text, \"attempts\" integer NOT NULL DEFAULT '0', \"error\" text, \"summary\" jsonb NOT NULL DEFAULT '{}', \"model_version_id\" uuid, \"heartbeat_at\" TIMESTAMP WITH TIME ZONE, \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_3f5056858e48ed5e97b4faaa05a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"training_runs_status_idx\" ON \"training_runs\"  (\"status\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"run_metrics\" (\"id\" BIGSERIAL NOT NULL, \"run_id\" uuid NOT NULL, \"step\" integer NOT NULL, \"values\" jsonb NOT NULL, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_fc007954acc0b2051caff0537e4\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"run_metrics_run_step_idx\" ON \"run_metrics\"  (\"run_id\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"run_metrics_run_step_idx\"");
    await queryRunner.query("DROP TABLE \"run_metrics\"");
    await queryRunner.query("DROP INDEX \"public\".\"training_runs_status_idx\"");
    await queryRunner.query("DROP TABLE \"training_runs\"");
  }
}
