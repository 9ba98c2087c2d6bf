import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Retrain1795588122708 implements MigrationInterface {
  name = 'Retrain1795588122708';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"comparison_tasks\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source\" character varying(16) NOT NULL, \"report_id\" uuid, \"reporter_id\" uuid, \"message_id\" uuid, \"model_version_id\" uuid, \"prompt\" jsonb NOT NULL, \"candidates\" jsonb NOT NULL DEFAULT '[]', \"k\" integer NOT NULL, \"max_tokens\" integer NOT NULL DEFAULT '32', \"required_rankings\" integer NOT NULL DEFAULT '1', \"status\" character varying(16) NOT NULL, \"agreement\" double precision, \"error\" text, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_452772604c7b4d216098b2148a2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"comparison_tasks_status_idx\" ON \"comparison_tasks\"  (\"status\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"comparison_tasks_report_unique\" ON \"comparison_tasks\"  (\"report_id\") WHERE \"report_id\" IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"task_rankings\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"task_id\" uuid NOT NULL, \"trainer_id\" uuid NOT NULL, \"ranks\" integer array NOT NULL, \"all_unacceptable\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_284268789a8cb24ea3e2dfa8920\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"task_rankings_task_trainer_unique\" ON \"task_rankings\"  (\"task_id\", \"trainer_id\") ");
    await queryRunner.query("CREATE TABLE \"demonstrations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"author_id\" uuid NOT NULL, \"prompt\" jsonb NOT NULL, \"content\" text NOT NULL, \"suggestion\" text, \"suggestion_accepted\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8e057329c1868672f00cb6c73d5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"dataset_snapshots\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"name\" character varying(200) NOT NULL, \"ranking_ids\" uuid array NOT NULL, \"demonstration_ids\" uuid array NOT NULL, \"report_ids\" uuid array NOT NULL, \"created_by\" uuid, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_9a906d51a233f6fc647419c0f54\" PRIMARY KEY (\"id\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"dataset_snapshots\"");
    await queryRunner.query("DROP TABLE \"demonstrations\"");
    await queryRunner.query("DROP INDEX \"public\".\"task_rankings_task_trainer_unique\"");
    await queryRunner.query("DROP TABLE \"task_rankings\"");
    await queryRunner.query("DROP INDEX \"public\".\"comparison_tasks_report_unique\"");
    await queryRunner.query("DROP INDEX \"public\".\"comparison_tasks_status_idx\"");
    await queryRunner.query("DROP TABLE \"comparison_tasks\"");
  }
}
