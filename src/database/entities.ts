import { ApiKey } from '../auth/api-key.entity.js';
import { Session } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { Conversation } from '../chat/conversation.entity.js';
import { Message } from '../chat/message.entity.js';
import { UsageRecord } from '../chat/usage-record.entity.js';
import {
  Contest, ContestEntry, ContestEntryReport, ContestJudge, JudgeAssignment, JudgeConflict, Notification, Score,
} from '../contest/contest.entities.js';
import { CreditBalance, CreditLedgerEntry, ModelPrice } from '../credits/credit.entities.js';
import { Rating, Report, ReportEvent } from '../feedback/feedback.entities.js';
import { ModelVersion } from '../model/model-version.entity.js';
import { ComparisonTask, DatasetSnapshot, Demonstration, TaskRanking } from '../retrain/data/retrain.entities.js';
import { RunMetric, TrainingRun } from '../retrain/runs/training-run.entity.js';
import { ModerationDecision, ModerationExampleRow, ModerationRuleRow, ModerationThreshold } from '../moderation/moderation.entities.js';

/** Every entity of the service; feature modules add theirs here. */
export const ENTITIES = [
  User, Session, ApiKey, AuditLog, ModelVersion, Conversation, Message, UsageRecord,
  ModerationThreshold, ModerationRuleRow, ModerationDecision, ModerationExampleRow,
  Rating, Report, ReportEvent,
  TrainingRun, RunMetric,
  ComparisonTask, TaskRanking, Demonstration, DatasetSnapshot,
  Contest, ContestEntry, ContestEntryReport, ContestJudge, JudgeConflict, JudgeAssignment, Score, Notification,
  CreditLedgerEntry, CreditBalance, ModelPrice,
];
