import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AwardPolicy } from './math/awards.js';
import type { Rubric } from './math/rubric.js';

/** draft → open → judging → finalised, or → cancelled from any of the first three. Never backwards. */
export const CONTEST_STATUSES = ['draft', 'open', 'judging', 'finalised', 'cancelled'] as const;
export type ContestStatus = (typeof CONTEST_STATUSES)[number];

@Entity('contests')
@Check('contests_window_order', `"opens_at" < "closes_at" AND "closes_at" <= "judging_deadline"`)
@Check('contests_judges_per_entry_min', `"judges_per_entry" >= 2`)
@Check('contests_money_nonnegative', `"prize_pool" >= 0 AND "max_award" >= 0 AND "winners" >= 0`)
export class Contest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('contests_slug_unique', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Markdown. */
  @Column({ type: 'text' })
  rules: string;

  /** Goes up by one whenever the rules text changes; entrants accept a version. */
  @Column({ name: 'rules_version', type: 'int', default: 1 })
  rulesVersion: number;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  @Column({ name: 'judging_deadline', type: 'timestamptz' })
  judgingDeadline: Date;

  @Column({ name: 'min_age', type: 'smallint', default: 18 })
  minAge: number;

  /** ISO 3166-1 alpha-2 codes, upper case. */
  @Column({ name: 'excluded_countries', type: 'text', array: true, default: () => `'{}'` })
  excludedCountries: string[];

  /** Whole credits (1 credit = $1 of API usage). */
  @Column({ name: 'prize_pool', type: 'int' })
  prizePool: number;

  @Column({ name: 'max_award', type: 'int', default: 500 })
  maxAward: number;

  @Column({ type: 'int' })
  winners: number;

  @Column({ name: 'award_policy', type: 'varchar', length: 16, default: 'equal' })
  awardPolicy: AwardPolicy;

  @Column({ name: 'judges_per_entry', type: 'smallint', default: 3 })
  judgesPerEntry: number;

  @Column({ type: 'boolean', default: true })
  blind: boolean;

  /** Entries whose judges' normalised scores span more than this many standard deviations are flagged. */
  @Column({ name: 'disagreement_threshold', type: 'double precision', default: 1.5 })
  disagreementThreshold: number;

  @Column({ type: 'jsonb' })
  rubric: Rubric;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ContestStatus;

  /** Krippendorff's alpha over the normalised scores, fixed at finalising. */
  @Column({ type: 'double precision', nullable: true })
  agreement: number | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'finalised_at', type: 'timestamptz', nullable: true })
  finalisedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export type EntryStatus = 'submitted' | 'withdrawn';
export const SCREENINGS = ['pending', 'eligible', 'disqualified'] as const;
export type Screening = (typeof SCREENINGS)[number];

/** One or more of the entrant's own reports with a write-up, entered into a contest. */
@Entity('contest_entries')
@Index('contest_entries_contest_created_idx', ['contestId', 'createdAt'])
@Index('contest_entries_idempotency_unique', ['contestId', 'entrantId', 'idempotencyKey'], {
  unique: true,
  where: `"idempotency_key" IS NOT NULL`,
})
export class ContestEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Index('contest_entries_entrant_idx')
  @Column({ name: 'entrant_id', type: 'uuid' })
  entrantId: string;

  /** As entered; while the entry is live the same ids are held in contest_entry_reports. */
  @Column({ name: 'report_ids', type: 'uuid', array: true })
  reportIds: string[];

  @Column({ name: 'write_up', type: 'text' })
  writeUp: string;

  @Column({ name: 'attested_age', type: 'smallint' })
  attestedAge: number;

  @Column({ type: 'char', length: 2 })
  country: string;

  /** The rules version the entrant accepted. */
  @Column({ name: 'rules_version', type: 'int' })
  rulesVersion: number;

  @Column({ name: 'rules_accepted_at', type: 'timestamptz' })
  rulesAcceptedAt: Date;

  /** The entrant agrees to their display name appearing in the public results. */
  @Column({ name: 'show_name', type: 'boolean', default: false })
  showName: boolean;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: EntryStatus;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  screening: Screening;

  /** Shown to the entrant when disqualified. */
  @Column({ name: 'screening_reason', type: 'text', nullable: true })
  screeningReason: string | null;

  @Column({ name: 'screened_at', type: 'timestamptz', nullable: true })
  screenedAt: Date | null;

  /** False when a report duplicates someone else's earlier report: first reporter wins. */
  @Column({ name: 'award_eligible', type: 'boolean', default: true })
  awardEligible: boolean;

  /** Why the entry cannot win, naming the report and the original. */
  @Column({ name: 'award_note', type: 'text', nullable: true })
  awardNote: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'final_rank', type: 'int', nullable: true })
  finalRank: number | null;

  @Column({ name: 'final_score', type: 'double precision', nullable: true })
  finalScore: number | null;

  @Column({ name: 'final_raw_score', type: 'double precision', nullable: true })
  finalRawScore: number | null;

  /** Whole credits awarded at finalising (0 when ranked without an award). */
  @Column({ type: 'int', nullable: true })
  award: number | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /** The submission time that breaks ties. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A report in a live entry: the primary key makes "one report, at most one entry" a database rule. */
@Entity('contest_entry_reports')
export class ContestEntryReport {
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Index('contest_entry_reports_entry_idx')
  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;
}

/** The judges of a contest (each holds the judge role). */
@Entity('contest_judges')
export class ContestJudge {
  @PrimaryColumn({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @PrimaryColumn({ name: 'judge_id', type: 'uuid' })
  judgeId: string;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A judge's declared conflict of interest with a person (by email), in one contest. */
@Entity('judge_conflicts')
@Index('judge_conflicts_unique', ['contestId', 'judgeId', 'email'], { unique: true })
export class JudgeConflict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Column({ name: 'judge_id', type: 'uuid' })
  judgeId: string;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type AssignmentStatus = 'assigned' | 'submitted' | 'recused';

@Entity('judge_assignments')
@Index('judge_assignments_entry_judge_unique', ['entryId', 'judgeId'], { unique: true })
@Index('judge_assignments_judge_contest_idx', ['judgeId', 'contestId'])
export class JudgeAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('judge_assignments_contest_idx')
  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'judge_id', type: 'uuid' })
  judgeId: string;

  @Column({ type: 'varchar', length: 16, default: 'assigned' })
  status: AssignmentStatus;

  /** Added beyond judges_per_entry, e.g. because the entry's judges disagreed. */
  @Column({ type: 'boolean', default: false })
  extra: boolean;

  @Column({ name: 'recuse_reason', type: 'text', nullable: true })
  recuseReason: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A judge's current score of an entry; every revision is in the audit log. */
@Entity('scores')
export class Score {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('scores_assignment_unique', { unique: true })
  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Index('scores_contest_idx')
  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Index('scores_entry_idx')
  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'judge_id', type: 'uuid' })
  judgeId: string;

  /** What the judge picked: a number per criterion or a level key per factor. */
  @Column({ type: 'jsonb' })
  levels: Record<string, number | string>;

  /** Value of each criterion or factor, in rubric order (what normalisation works on). */
  @Column({ type: 'double precision', array: true })
  components: number[];

  @Column({ type: 'double precision' })
  total: number;

  @Column({ type: 'text' })
  formula: string;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'int', default: 1 })
  revision: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** In-app notices (e.g. "you won"): one per dedupe key, so a retried job notifies once. */
@Entity('notifications')
@Index('notifications_user_created_idx', ['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: Record<string, unknown>;

  @Index('notifications_dedupe_unique', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 6 })
  createdAt: Date;
}
