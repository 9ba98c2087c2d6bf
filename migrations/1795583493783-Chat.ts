import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Chat1795583493783 implements MigrationInterface {
  name = 'Chat1795583493783';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"conversations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"title\" character varying(200) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_ee34f4f7ced4ec8681f26bf04ef\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"conversations_user_updated_idx\" ON \"conversations\"  (\"user_id\", \"updated_at\") ");
    await queryRunner.query("CREATE TABLE \"messages\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"conversation_id\" uuid NOT NULL, \"parent_id\" uuid, \"role\" character varying(16) NOT NULL, \"content\" text NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'complete', \"model_version_id\" uuid, \"model_name\" character varying(200), \"sampling\" jsonb, \"prompt_tokens\" integer, \"completion_tokens\" integer, \"latency_ms\" integer, \"finish_reason\" character varying(16), \"dropped_messages\" integer NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_18325f38ae6de43878487eff986\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"messages_parent_idx\" ON \"messages\"  (\"parent_id\") ");
    await queryRunner.query("CREATE INDEX \"messages_conversation_created_idx\" ON \"messages\"  (\"conversation_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"usage_records\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"api_key_id\" uuid, \"model\" character varying(200) NOT NULL, \"source\" character varying(16) NOT NULL, \"prompt_tokens\" integer NOT NULL, \"completion_tokens\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_e511cf9f7dc53851569f87467a5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"usage_records_user_created_idx\" ON \"usage_records\"  (\"user_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"model_versions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"kind\" character varying(16) NOT NULL, \"name\" character varying(100) NOT NULL, \"parent_id\" uuid, \"checkpoint_path\" text NOT NULL, \"status\" character varying(16) NOT NULL, \"metrics\" jsonb NOT NULL DEFAULT '{}', \"training_run_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"promoted_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_77c0256872dcc26394dba4b87ec\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"model_versions_name_unique\" ON \"model_versions\"  (\"name\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"model_versions_one_serving_per_kind\" ON \"model_versions\"  (\"kind\") WHERE \"status\" = 'serving'");
    await queryRunner.query("ALTER TABLE \"conversations\" ADD CONSTRAINT \"FK_3a9ae579e61e81cc0e989afeb4a\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"messages\" ADD CONSTRAINT \"FK_3bc55a7c3f9ed54b520bb5cfe23\" FOREIGN KEY (\"conversation_id\") REFERENCES \"conversations\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"messages\" DROP CONSTRAINT \"FK_3bc55a7c3f9ed54b520bb5cfe23\"");
    await queryRunner.query("ALTER TABLE \"conversations\" DROP CONSTRAINT \"FK_3a9ae579e61e81cc0e989afeb4a\"");
    await queryRunner.query("DROP INDEX \"public\".\"model_versions_one_serving_per_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"model_versions_name_unique\"");
    await queryRunner.query("DROP TABLE \"model_versions\"");
    await queryRunner.query("DROP INDEX \"public\".\"usage_records_user_created_idx\"");
    await queryRunner.query("DROP TABLE \"usage_records\"");
    await queryRunner.query("DROP INDEX \"public\".\"messages_conversation_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"messages_parent_idx\"");
    await queryRunner.query("DROP TABLE \"messages\"");
    await queryRunner.query("DROP INDEX \"public\".\"conversations_user_updated_idx\"");
    await queryRunner.query("DROP TABLE \"conversations\"");
  }
}
