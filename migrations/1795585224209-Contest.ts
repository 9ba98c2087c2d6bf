import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Contest1795585224209 implements MigrationInterface {
  name = 'Contest1795585224209';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"contests\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"slug\" character varying(64) NOT NULL, \"title\" character varying(200) NOT NULL, \"rules\" text NOT NULL, \"rules_version\" integer NOT NULL DEFAULT '1', \"opens_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"closes_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"judging_deadline\" TIMESTAMP WITH TIME ZONE NOT NULL, \"min_age\" smallint NOT NULL DEFAULT '18', \"excluded_countries\" text array NOT NULL DEFAULT '{}', \"prize_pool\" integer NOT NULL, \"max_award\" integer NOT NULL DEFAULT '500', \"winners\" integer NOT NULL, \"award_policy\" character varying(16) NOT NULL DEFAULT 'equal', \"judges_per_entry\" smallint NOT NULL DEFAULT '3', \"blind\" boolean NOT NULL DEFAULT true, \"disagreement_threshold\" double precision NOT NULL DEFAULT '1.5', \"rubric\" jsonb NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'draft', \"agreement\" double precision, \"created_by\" uuid, \"finalised_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"contests_money_nonnegative\" CHECK (\"prize_pool\" >= 0 AND \"max_award\" >= 0 AND \"winners\" >= 0), CONSTRAINT \"contests_judges_per_entry_min\" CHECK (\"judges_per_entry\" >= 2), CONSTRAINT \"contests_window_order\" CHECK (\"opens_at\" < \"closes_at\" AND \"closes_at\" <= \"judging_deadline\"), CONSTRAINT \"PK_0b8012f5cf6f444a52179e1227a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"contests_slug_unique\" ON \"contests\"  (\"slug\") ");
    await queryRunner.query("CREATE TABLE \"contest_entries\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"contest_id\" uuid NOT NULL, \"entrant_id\" uuid NOT NULL, \"report_ids\" uuid array NOT NULL, \"write_up\" text NOT NULL, \"attested_age\" smallint NOT NULL, \"country\" character(2) NOT NULL, \"rules_version\" integer NOT NULL, \"rules_accepted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"show_name\" boolean NOT NULL DEFAULT false, \"status\" character varying(16) NOT NULL DEFAULT 'submitted', \"screening\" character varying(16) NOT NULL DEFAULT 'pending', \"screening_reason\" text, \"screened_at\" TIMESTAMP WITH TIME ZONE, \"award_eligible\" boolean NOT NULL DEFAULT true, \"award_note\" text, \"idempotency_key\" character varying(200), \"request_hash\" character(64) NOT NULL, \"final_rank\" integer, \"final_score\" double precision, \"final_raw_score\" double precision, \"award\" integer, \"withdrawn_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_94074f3f5cc3ee7b5763a6041b1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"contest_entries_entrant_idx\" ON \"contest_entries\"  (\"entrant_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"contest_entries_idempotency_unique\" ON \"contest_entries\"  (\"contest_id\", \"entrant_id\", \"idempotency_key\") WHERE \"idempotency_key\" IS NOT NULL");
    await queryRunner.query("CREATE INDEX \"contest_entries_contest_created_idx\" ON \"contest_entries\"  (\"contest_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"contest_entry_reports\" (\"report_id\" uuid NOT NULL, \"entry_id\" uuid NOT NULL, CONSTRAINT \"PK_6b710b38d2bc08fe0aac530ff3d\" PRIMARY KEY (\"report_id\"))");
    await queryRunner.query("CREATE INDEX \"contest_entry_reports_entry_idx\" ON \"contest_entry_reports\"  (\"entry_id\") ");
    await queryRunner.query("CREATE TABLE \"contest_judges\" (\"contest_id\" uuid NOT NULL, \"judge_id\" uuid NOT NULL, \"added_by\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_cd2dc89c78ef9f0b5dd6a4d6b42\" PRIMARY KEY (\"contest_id\", \"judge_id\"))");
    await queryRunner.query("CREATE TABLE \"judge_conflicts\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"contest_id\" uuid NOT NULL, \"judge_id\" uuid NOT NULL, \"email\" character varying(320) NOT NULL, \"reason\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_ca605f801ba87cccc4579c46577\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"judge_conflicts_unique\" ON \"judge_conflicts\"  (\"contest_id\", \"judge_id\", \"email\") ");
    await queryRunner.query("CREATE TABLE \"judge_assignments\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"contest_id\" uuid NOT NULL, \"entry_id\" uuid NOT NULL, \"judge_id\" uuid NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'assigned', \"extra\" boolean NOT NULL DEFAULT false, \"recuse_reason\" text, \"submitted_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b2f2a5dac77c026cc260a7d7df5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"judge_assignments_contest_idx\" ON \"judge_assignments\"  (\"contest_id\") ");
    await queryRunner.query("CREATE INDEX \"judge_assignments_judge_contest_idx\" ON \"judge_assignments\"  (\"judge_id\", \"contest_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"judge_assignments_entry_judge_unique\" ON \"judge_assignments\"  (\"entry_id\", \"judge_id\") ");
    await queryRunner.query("CREATE TABLE \"scores\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"assignment_id\" uuid NOT NULL, \"contest_id\" uuid NOT NULL, \"entry_id\" uuid NOT NULL, \"judge_id\" uuid NOT NULL, \"levels\" jsonb NOT NULL, \"components\" double precision array NOT NULL, \"total\" double precision NOT NULL, \"formula\" text NOT NULL, \"comment\" text, \"revision\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_c36917e6f26293b91d04b8fd521\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"scores_assignment_unique\" ON \"scores\"  (\"assignment_id\") ");
    await queryRunner.query("CREATE INDEX \"scores_contest_idx\" ON \"scores\"  (\"contest_id\") ");
    await queryRunner.query("CREATE INDEX \"scores_entry_idx\" ON \"scores\"  (\"entry_id\") ");
    await queryRunner.query("CREATE TABLE \"notifications\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"kind\" character varying(32) NOT NULL, \"title\" character varying(200) NOT NULL, \"body\" text NOT NULL, \"data\" jsonb NOT NULL DEFAULT '{}', \"dedupe_key\" character varying(200) NOT NULL, \"read_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6a72c3c0f683f6462415e653c3a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"notifications_dedupe_unique\" ON \"notifications\"  (\"dedupe_key\") ");
    await queryRunner.query("CREATE INDEX \"notifications_user_created_idx\" ON \"notifications\"  (\"user_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"credit_ledger\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"amount_micro\" bigint NOT NULL, \"balance_after_micro\" bigint NOT NULL, \"idempotency_key\" character varying(200) NOT NULL, \"reason\" text, \"ref_type\" character varying(32), \"ref_id\" character varying(64), \"details\" jsonb NOT NULL DEFAULT '{}', \"actor_id\" uuid, \"created_at\" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"credit_ledger_amount_nonzero\" CHECK (\"amount_micro\" <> 0), CONSTRAINT \"PK_7ff08f655cf2f4d118c116571db\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"credit_ledger_idempotency_unique\" ON \"credit_ledger\"  (\"idempotency_key\") ");
    await queryRunner.query("CREATE INDEX \"credit_ledger_user_created_idx\" ON \"credit_ledger\"  (\"user_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"credit_balances\" (\"user_id\" uuid NOT NULL, \"balance_micro\" bigint NOT NULL DEFAULT '0', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_e8af65c175bcb9c8714514ed97a\" PRIMARY KEY (\"user_id\"))");
    await queryRunner.query("CREATE TABLE \"model_prices\" (\"model\" character varying(200) NOT NULL, \"price_per_1k_micro\" bigint NOT NULL, \"updated_by\" uuid, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"model_prices_price_nonnegative\" CHECK (\"price_per_1k_micro\" >= 0), CONSTRAINT \"PK_ee677bcb7d535720e754cc67f05\" PRIMARY KEY (\"model\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"model_prices\"");
    await queryRunner.query("DROP TABLE \"credit_balances\"");
    await queryRunner.query("DROP INDEX \"public\".\"credit_ledger_user_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"credit_ledger_idempotency_unique\"");
    await queryRunner.query("DROP TABLE \"credit_ledger\"");
    await queryRunner.query("DROP INDEX \"public\".\"notifications_user_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"notifications_dedupe_unique\"");
    await queryRunner.query("DROP TABLE \"notifications\"");
    await queryRunner.query("DROP INDEX \"public\".\"scores_entry_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"scores_contest_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"scores_assignment_unique\"");
    await queryRunner.query("DROP TABLE \"scores\"");
    await queryRunner.query("DROP INDEX \"public\".\"judge_assignments_entry_judge_unique\"");
    await queryRunner.query("DROP INDEX \"public\".\"judge_assignments_judge_contest_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"judge_assignments_contest_idx\"");
    await queryRunner.query("DROP TABLE \"judge_assignments\"");
    await queryRunner.query("DROP INDEX \"public\".\"judge_conflicts_unique\"");
    await queryRunner.query("DROP TABLE \"judge_conflicts\"");
    await queryRunner.query("DROP TABLE \"contest_judges\"");
    await queryRunner.query("DROP INDEX \"public\".\"contest_entry_reports_entry_idx\"");
    await queryRunner.query("DROP TABLE \"contest_entry_reports\"");
    await queryRunner.query("DROP INDEX \"public\".\"contest_entries_contest_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"contest_entries_idempotency_unique\"");
    await queryRunner.query("DROP INDEX \"public\".\"contest_entries_entrant_idx\"");
    await queryRunner.query("DROP TABLE \"contest_entries\"");
    await queryRunner.query("DROP INDEX \"public\".\"contests_slug_unique\"");
    await queryRunner.query("DROP TABLE \"contests\"");
  }
}
