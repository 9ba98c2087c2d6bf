import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795582612584 implements MigrationInterface {
  name = 'Init1795582612584';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"email\" character varying(320) NOT NULL, \"password_hash\" text NOT NULL, \"display_name\" character varying(100), \"roles\" text array NOT NULL DEFAULT '{user}', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"users_email_lowercase\" CHECK (\"email\" = lower(\"email\")), CONSTRAINT \"PK_a3ffb1c0c8416b9fc6f907b7433\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"users_email_unique\" ON \"users\"  (\"email\") ");
    await queryRunner.query("CREATE TABLE \"api_keys\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"name\" character varying(100) NOT NULL, \"prefix\" character varying(32) NOT NULL, \"key_hash\" character(64) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_used_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_5c8a79801b44bd27b79228e1dad\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"api_keys_user_id_idx\" ON \"api_keys\"  (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"api_keys_prefix_unique\" ON \"api_keys\"  (\"prefix\") ");
    await queryRunner.query("CREATE TABLE \"sessions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"token_hash\" character(64) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_3238ef96f18b355b671619111bc\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"sessions_user_id_idx\" ON \"sessions\"  (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"sessions_token_hash_unique\" ON \"sessions\"  (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"audit_log\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"actor_id\" uuid, \"action\" character varying(64) NOT NULL, \"entity_type\" character varying(64) NOT NULL, \"entity_id\" character varying(64) NOT NULL, \"data\" jsonb NOT NULL DEFAULT '{}', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_07fefa57f7f5ab8fc3f52b3ed0b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"audit_log_entity_idx\" ON \"audit_log\"  (\"entity_type\", \"entity_id\") ");
    await queryRunner.query("ALTER TABLE \"api_keys\" ADD CONSTRAINT \"FK_a3baee01d8408cd3c0f89a9a973\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"sessions\" ADD CONSTRAINT \"FK_085d540d9f418cfbdc7bd55bb19\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"sessions\" DROP CONSTRAINT \"FK_085d540d9f418cfbdc7bd55bb19\"");
    await queryRunner.query("ALTER TABLE \"api_keys\" DROP CONSTRAINT \"FK_a3baee01d8408cd3c0f89a9a973\"");
    await queryRunner.query("DROP INDEX \"public\".\"audit_log_entity_idx\"");
    await queryRunner.query("DROP TABLE \"audit_log\"");
    await queryRunner.query("DROP INDEX \"public\".\"sessions_token_hash_unique\"");
    await queryRunner.query("DROP INDEX \"public\".\"sessions_user_id_idx\"");
    await queryRunner.query("DROP TABLE \"sessions\"");
    await queryRunner.query("DROP INDEX \"public\".\"api_keys_prefix_unique\"");
    await queryRunner.query("DROP INDEX \"public\".\"api_keys_user_id_idx\"");
    await queryRunner.query("DROP TABLE \"api_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"users_email_unique\"");
    await queryRunner.query("DROP TABLE \"users\"");
  }
}
