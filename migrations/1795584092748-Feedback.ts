import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Feedback1795584092748 implements MigrationInterface {
  name = 'Feedback1795584092748';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"ratings\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"message_id\" uuid NOT NULL, \"value\" character varying(4) NOT NULL, \"reasons\" text array NOT NULL DEFAULT '{}', \"comment\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0f31425b073219379545ad68ed9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ratings_message_idx\" ON \"ratings\"  (\"message_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"ratings_user_message_unique\" ON \"ratings\"  (\"user_id\", \"message_id\") ");
    await queryRunner.query("CREATE TABLE \"reports\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"reporter_id\" uuid NOT NULL, \"kind\" character varying(32) NOT NULL, \"message_id\" uuid NOT NULL, \"categories\" text array NOT NULL DEFAULT '{}', \"description\" text NOT NULL, \"snapshot\" jsonb NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'new', \"duplicate_of\" uuid, \"idempotency_key\" character varying(200), \"request_hash\" character(64) NOT NULL, \"signature\" integer array NOT NULL, \"needs_info_since\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_d9013193989303580053c0b5ef6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"reports_reporter_idx\" ON \"reports\"  (\"reporter_id\") ");
    await queryRunner.query("CREATE INDEX \"reports_message_idx\" ON \"reports\"  (\"message_id\") ");
    await queryRunner.query("CREATE INDEX \"reports_status_kind_created_idx\" ON \"reports\"  (\"status\", \"kind\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"reports_reporter_idempotency_unique\" ON \"reports\"  (\"reporter_id\", \"idempotency_key\") WHERE \"idempotency_key\" IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"report_bands\" (\"id\" BIGSERIAL NOT NULL, \"report_id\" uuid NOT NULL, \"band\" smallint NOT NULL, \"hash\" integer NOT NULL, CONSTRAINT \"PK_e2a20f3c86d2410ee9ae2ac2048\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"report_bands_report_idx\" ON \"report_bands\"  (\"report_id\") ");
    await queryRunner.query("CREATE INDEX \"report_bands_lookup_idx\" ON \"report_bands\"  (\"band\", \"hash\") ");
    await queryRunner.query("CREATE TABLE \"report_events\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"report_id\" uuid NOT NULL, \"actor_id\" uuid, \"type\" character varying(32) NOT NULL, \"from_status\" character varying(16), \"to_status\" character varying(16) NOT NULL, \"note\" text, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_601736df2a66078f32bbe39267f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"report_events_report_idx\" ON \"report_events\"  (\"report_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"report_events_report_idx\"");
    await queryRunner.query("DROP TABLE \"report_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"report_bands_lookup_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"report_bands_report_idx\"");
    await queryRunner.query("DROP TABLE \"report_bands\"");
    await queryRunner.query("DROP INDEX \"public\".\"reports_reporter_idempotency_unique\"");
    await queryRunner.query("DROP INDEX \"public\".\"reports_status_kind_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"reports_message_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"reports_reporter_idx\"");
    await queryRunner.query("DROP TABLE \"reports\"");
    await queryRunner.query("DROP INDEX \"public\".\"ratings_user_message_unique\"");
    await queryRunner.query("DROP INDEX \"public\".\"ratings_message_idx\"");
    await queryRunner.query("DROP TABLE \"ratings\"");
  }
}
