import { ApiKey } from '../auth/api-key.entity.js';
import { Session } from '../auth/session.entity.js';
import { User } from '../auth/user.entity.js';
import { AuditLog } from '../audit/audit-log.entity.js';

/** Every entity of the service; feature modules add theirs here. */
export const ENTITIES = [User, Session, ApiKey, AuditLog];
