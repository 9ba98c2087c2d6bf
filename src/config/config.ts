import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Everything the service reads from its environment, typed and validated once at start. */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  sessionSecret: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  authRateLimitPerMinute: number;
  bodyLimit: string;
  logLevel: LogLevel;
  model: ModelConfig;
  moderation: ModerationConfig;
  /** This process works background jobs (training runs): true unless WORKER=separate. */
  worksJobs: boolean;
  /** A running run without a heartbeat for this long is presumed lost and resumed. */
  runStaleSeconds: number;
  retrain: RetrainConfig;
}

/**
 * How comparison tasks are made without an operator. An accepted harmful_output/bias report becomes a task
 * in the triage decision's own transaction (its sampling job too), so there is nothing to schedule for it.
 * Ordinary conversations are sampled by the worker: every RETRAIN_SAMPLE_INTERVAL_SECONDS it turns the
 * recent unreported assistant replies whose id hashes below RETRAIN_CONVERSATION_SAMPLE_RATE into tasks.
 * The choice depends only on the message id, so sweeps may repeat or overlap (several workers) without
 * sampling a reply twice or changing the rate.
 */
export interface RetrainConfig {
  /** Accepted reports become ranking tasks by themselves (operators can still POST /retrain/tasks/from-reports). */
  autoTasks: boolean;
  /** Candidates per automatic task: the original plus K−1 samples from the serving policy (4–9). */
  taskK: number;
  /** Token budget of each sampled alternative. */
  taskMaxTokens: number;
  /** Fraction (0–1) of ordinary assistant replies that become ranking tasks; 0 turns sampling off. */
  conversationSampleRate: number;
  sampleIntervalSeconds: number;
}

export interface ModerationConfig {
  /** `local`: the project's classifier; `openai`: OpenAI's moderation endpoint (or a compatible one). */
  provider: 'local' | 'openai';
  baseUrl: string | undefined;
  apiKey: string | undefined;
  model: string;
  /** Serve this classifier folder instead of the registry's serving version. */
  classifierDir: string | undefined;
}

export interface ModelConfig {
  provider: 'embedded' | 'openai-compatible';
  /** Remote provider: base URL of an OpenAI-compatible server, its key and model name. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  name: string | undefined;
  /** Embedded provider: serve this checkpoint folder instead of the registry's serving version. */
  policyCheckpoint: string | undefined;
  /** tfjs backend to force ('tensorflow' | 'wasm' | 'cpu'); unset = fastest installed. */
  tfjsBackend: string | undefined;
  /** Generations allowed to wait behind the running one before the API answers 503. */
  inferenceQueueSize: number;
  /** Requests per minute per caller on /v1 (429 beyond). */
  apiRateLimitPerMinute: number;
  /**
   * Every process follows the serving policy in the database: promotions and rollbacks are announced with
   * PostgreSQL NOTIFY (instant); this periodic check is the backstop for a missed notification.
   */
  servingCheckSeconds: number;
}

/** A wrong setting: the message names the variable and is printed as one line before exit. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(`${name} must be a number from 0 to 1 (got "${raw}")`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL must be a URL like postgres://user:pass@host:5432/db');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// (got "${url.protocol}//")`);
  }
  return raw;
}

const SIZE = /^(\d+)(b|kb|mb)$/i;

/** '512kb' → 524288, as body-parser reads its limit (1 kb = 1024 bytes). */
export function sizeInBytes(size: string): number {
  const [, digits, unit] = SIZE.exec(size) ?? [];
  if (!digits) throw new ConfigError(`Not a size like 512kb or 1mb: "${size}"`);
  return Number(digits) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit.toLowerCase() as 'b' | 'kb' | 'mb'];
}

function bodyLimit(env: Env): string {
  const raw = env.BODY_LIMIT ?? '1mb';
  if (!SIZE.test(raw)) {
    throw new ConfigError(`BODY_LIMIT must be a size like 512kb or 1mb (got "${raw}")`);
  }
  return raw.toLowerCase();
}

function admin(env: Env): { email?: string; password?: string } {
  const email = env.ADMIN_EMAIL || undefined;
  const password = env.ADMIN_PASSWORD || undefined;
  if (!email && !password) return {};
  if (!email) throw new ConfigError('ADMIN_EMAIL must be set when ADMIN_PASSWORD is set');
  if (!password) throw new ConfigError('ADMIN_PASSWORD must be set when ADMIN_EMAIL is set');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ConfigError(`ADMIN_EMAIL must be an email address (got "${email}")`);
  }
  if (password.length < 12) throw new ConfigError('ADMIN_PASSWORD must be at least 12 characters');
  return { email: email.toLowerCase(), password };
}

/**
 * The session secret keys the HMAC digests of session tokens and API keys. Without SESSION_SECRET
 * one is generated on first start and kept in DATA_DIR, so restarts keep everyone signed in.
 */
function sessionSecret(env: Env, dataDir: string): string {
  const raw = env.SESSION_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters');
    return raw;
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

function modelConfig(env: Env): ModelConfig {
  const provider = oneOf(env, 'MODEL_PROVIDER', ['embedded', 'openai-compatible'] as const, 'embedded');
  const baseUrl = env.MODEL_BASE_URL || undefined;
  if (provider === 'openai-compatible') {
    if (!baseUrl) throw new ConfigError('MODEL_BASE_URL must be set when MODEL_PROVIDER=openai-compatible');
    if (!env.MODEL_NAME) throw new ConfigError('MODEL_NAME must be set when MODEL_PROVIDER=openai-compatible');
  }
  if (baseUrl && !/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw new ConfigError(`MODEL_BASE_URL must be an http(s) URL like http://127.0.0.1:8000/v1 (got "${baseUrl}")`);
  }
  return {
    provider,
    baseUrl,
    apiKey: env.MODEL_API_KEY || undefined,
    name: env.MODEL_NAME || undefined,
    policyCheckpoint: env.POLICY_CHECKPOINT ? resolve(env.POLICY_CHECKPOINT) : undefined,
    tfjsBackend: env.TFJS_BACKEND ? oneOf(env, 'TFJS_BACKEND', ['tensorflow', 'wasm', 'cpu'] as const, 'cpu') : undefined,
    inferenceQueueSize: int(env, 'INFERENCE_QUEUE_SIZE', 8, 0, 10000),
    apiRateLimitPerMinute: int(env, 'API_RATE_LIMIT', 120, 1, 1_000_000),
    servingCheckSeconds: int(env, 'MODEL_SERVING_CHECK_SECONDS', 30, 1, 86_400),
  };
}

function retrainConfig(env: Env): RetrainConfig {
  return {
    autoTasks: bool(env, 'RETRAIN_AUTO_TASKS', true),
    taskK: int(env, 'RETRAIN_TASK_K', 4, 4, 9),
    taskMaxTokens: int(env, 'RETRAIN_TASK_MAX_TOKENS', 32, 1, 256),
    conversationSampleRate: fraction(env, 'RETRAIN_CONVERSATION_SAMPLE_RATE', 0.02),
    sampleIntervalSeconds: int(env, 'RETRAIN_SAMPLE_INTERVAL_SECONDS', 300, 1, 86_400),
  };
}

function moderationConfig(env: Env): ModerationConfig {
  return {
    provider: oneOf(env, 'MODERATION_PROVIDER', ['local', 'openai'] as const, 'local'),
    baseUrl: env.MODERATION_BASE_URL || undefined,
    apiKey: env.MODERATION_API_KEY || undefined,
    model: env.MODERATION_MODEL || 'omni-moderation-latest',
    classifierDir: env.MODERATION_CLASSIFIER ? resolve(env.MODERATION_CLASSIFIER) : undefined,
  };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = resolve(env.DATA_DIR || '.data');
  const { email, password } = admin(env);
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: databaseUrl(env),
    dataDir,
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535),
    sessionSecret: sessionSecret(env, dataDir),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 168, 1, 24 * 365),
    cookieSecure: bool(env, 'COOKIE_SECURE', false),
    adminEmail: email,
    adminPassword: password,
    authRateLimitPerMinute: int(env, 'AUTH_RATE_LIMIT', 10, 1, 100000),
    bodyLimit: bodyLimit(env),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    model: modelConfig(env),
    moderation: moderationConfig(env),
    worksJobs: oneOf(env, 'WORKER', ['inprocess', 'separate'] as const, 'inprocess') === 'inprocess',
    runStaleSeconds: int(env, 'RUN_STALE_SECONDS', 600, 1, 86_400),
    retrain: retrainConfig(env),
  };
}
