import { ApiKey } from '../auth/api-key.entity.js';
import { Session } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { Conversation } from '../chat/conversation.entity.js';
import { Message } from '../chat/message.entity.js';
import { UsageRecord } from '../chat/usage-record.entity.js';
import { Rating, Report, ReportBand, ReportEvent } from '../feedback/feedback.entities.js';
import { ModelVersion } from '../model/model-version.entity.js';
import { ModerationDecision, ModerationExampleRow, ModerationRuleRow, ModerationThreshold } from '../moderation/moderation.entities.js';

/** Every entity of the service; feature modules add theirs here. */
export const ENTITIES = [
  User, Session, ApiKey, AuditLog, ModelVersion, Conversation, Message, UsageRecord,
  ModerationThreshold, ModerationRuleRow, ModerationDecision, ModerationExampleRow,
  Rating, Report, ReportBand, ReportEvent,
];
