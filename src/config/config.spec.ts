import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'cfg-'));

describe('loadConfig', () => {
  it('needs no environment at all', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sessionSecret).toBe(readFileSync(join(dir, 'session-secret'), 'utf8').trim());
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(config.sessionSecret);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be an integer/],
    [{ PORT: '70000' }, /^PORT must be an integer from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must start with postgres/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL/],
    [{ SESSION_SECRET: 'short' }, /^SESSION_SECRET must be at least 32/],
    [{ ADMIN_EMAIL: 'a@b.co' }, /^ADMIN_PASSWORD must be set/],
    [{ ADMIN_EMAIL: 'nope', ADMIN_PASSWORD: 'long-enough-password' }, /^ADMIN_EMAIL must be an email/],
    [{ COOKIE_SECURE: 'maybe' }, /^COOKIE_SECURE must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ BODY_LIMIT: 'huge' }, /^BODY_LIMIT must be a size/],
    [{ MODEL_PROVIDER: 'magic' }, /^MODEL_PROVIDER must be one of embedded, openai-compatible/],
    [{ MODEL_PROVIDER: 'openai-compatible' }, /^MODEL_BASE_URL must be set/],
    [{ MODEL_PROVIDER: 'openai-compatible', MODEL_BASE_URL: 'ftp://x', MODEL_NAME: 'm' }, /^MODEL_BASE_URL must be an http/],
    [{ TFJS_BACKEND: 'webgl' }, /^TFJS_BACKEND must be one of tensorflow, wasm, cpu/],
    [{ INFERENCE_QUEUE_SIZE: '-1' }, /^INFERENCE_QUEUE_SIZE must be an integer/],
    [{ RETRAIN_CONVERSATION_SAMPLE_RATE: '1.5' }, /^RETRAIN_CONVERSATION_SAMPLE_RATE must be a number from 0 to 1/],
    [{ RETRAIN_TASK_K: '3' }, /^RETRAIN_TASK_K must be an integer from 4 to 9/],
    [{ RETRAIN_AUTO_TASKS: 'sometimes' }, /^RETRAIN_AUTO_TASKS must be true or false/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });

  it('makes ranking tasks by itself by default and samples a small share of conversations', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).retrain).toEqual({
      autoTasks: true,
      taskK: 4,
      taskMaxTokens: 32,
      conversationSampleRate: 0.02,
      sampleIntervalSeconds: 300,
    });
    expect(loadConfig({ DATA_DIR: dataDir(), RETRAIN_CONVERSATION_SAMPLE_RATE: '0' }).retrain.conversationSampleRate).toBe(0);
  });

  it('normalises the admin email', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), ADMIN_EMAIL: 'Root@Example.COM', ADMIN_PASSWORD: 'correct horse battery' });
    expect(config.adminEmail).toBe('root@example.com');
  });
});
