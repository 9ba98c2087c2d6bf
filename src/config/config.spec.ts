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
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });

  it('normalises the admin email', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), ADMIN_EMAIL: 'Root@Example.COM', ADMIN_PASSWORD: 'correct horse battery' });
    expect(config.adminEmail).toBe('root@example.com');
  });
});
