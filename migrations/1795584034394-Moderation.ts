import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Moderation1795584034394 implements MigrationInterface {
  name = 'Moderation1795584034394';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"moderation_thresholds\" (\"category\" character varying(32) NOT NULL, \"warn\" real NOT NULL, \"block\" real NOT NULL, \"updated_by\" uuid, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_fce41b80fadae8eca2bd596f42a\" PRIMARY KEY (\"category\"))");
    await queryRunner.query("CREATE TABLE \"moderation_rules\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"category\" character varying(32) NOT NULL, \"term\" character varying(200) NOT NULL, \"created_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_92eac042752719d816ad5dd30d0\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"moderation_rules_unique\" ON \"moderation_rules\"  (\"category\", \"term\") ");
    await queryRunner.query("CREATE TABLE \"moderation_decisions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"message_id\" uuid, \"target\" character varying(16) NOT NULL, \"provider\" character varying(32) NOT NULL, \"model_version\" character varying(200) NOT NULL, \"scores\" jsonb NOT NULL, \"action\" character varying(8) NOT NULL, \"categories\" text array NOT NULL, \"matched_rules\" jsonb NOT NULL DEFAULT '[]', \"thresholds\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_2e82d086a52c4233bcb60bc5b67\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"moderation_decisions_message_idx\" ON \"moderation_decisions\"  (\"message_id\") ");
    await queryRunner.query("CREATE TABLE \"moderation_examples\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"text\" text NOT NULL, \"labels\" text array NOT NULL, \"split\" character varying(8) NOT NULL, \"source\" character varying(16) NOT NULL, \"report_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6f0f89a0b55c5bff8732628ad67\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"moderation_examples_report_unique\" ON \"moderation_examples\"  (\"report_id\") WHERE \"report_id\" IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"moderation_action\" character varying(8)");
    await queryRunner.query("ALTER TABLE \"messages\" ADD \"moderation_categories\" text array");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"moderation_categories\"");
    await queryRunner.query("ALTER TABLE \"messages\" DROP COLUMN \"moderation_action\"");
    await queryRunner.query("DROP INDEX \"public\".\"moderation_examples_report_unique\"");
    await queryRunner.query("DROP TABLE \"moderation_examples\"");
    await queryRunner.query("DROP INDEX \"public\".\"moderation_decisions_message_idx\"");
    await queryRunner.query("DROP TABLE \"moderation_decisions\"");
    await queryRunner.query("DROP INDEX \"public\".\"moderation_rules_unique\"");
    await queryRunner.query("DROP TABLE \"moderation_rules\"");
    await queryRunner.query("DROP TABLE \"moderation_thresholds\"");
  }
}
