import { DataSource } from 'typeorm';
import { jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { connectDatabase } from '../src/database/connect.js';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { freePort } from './support/free-port.js';
import { writeTinyPolicy } from './support/tiny-policy.js';

jest.setTimeout(120_000);

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rlhf-embedded-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The server's real start-up path: no DATABASE_URL, so the embedded PostgreSQL in DATA_DIR. */
async function start(dataDir: string, port: number) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(port),
    LOG_LEVEL: 'silent',
    POLICY_CHECKPOINT: await writeTinyPolicy(),
    TFJS_BACKEND: 'cpu',
  });
  const database = await connectDatabase(config);
  const app = await createApp({ config, databaseUrl: database.url });
  await app.init();
  return {
    app,
    config,
    database,
    http: () => request(app.getHttpServer()),
    stop: async () => {
      await app.close();
      await database.stop();
    },
  };
}

describe('embedded PostgreSQL', () => {
  it('keeps data across a restart, and lets tools share the running server', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = await start(dataDir, port);
    try {
      expect(first.database.embedded).toBe(true);
      const [{ wal_init_zero }] = await first.app.get(DataSource).query('SHOW wal_init_zero');
      expect(wal_init_zero).toBe('off');
      const reg = await first.http().post('/auth/register').send({ email: 'keep@example.com', password: 'persistent-pw' });
      expect(reg.status).toBe(201);

      const shared = await connectDatabase(first.config, { shareRunning: true });
      expect(new URL(shared.url).port).toBe(String(port));
      await expect(startEmbeddedPostgres({ dataDir, port: await freePort() })).rejects.toThrow(/already in use by PostgreSQL process/);
    } finally {
      await first.stop();
    }

    const second = await start(dataDir, port);
    try {
      const login = await second.http().post('/auth/login').send({ email: 'keep@example.com', password: 'persistent-pw' });
      expect(login.status).toBe(200);
      const health = await second.http().get('/health');
      expect(health.body).toMatchObject({ status: 'ok', database: 'ok' });
    } finally {
      await second.stop();
    }
  });

  it('removes a stale lock file left by a process that is gone', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const db = await startEmbeddedPostgres({ dataDir, port });
    await db.stop();
    writeFileSync(join(dataDir, 'postgres', 'postmaster.pid'), `999999\n${dataDir}\n0\n${port}\n`);
    const lines: string[] = [];
    const again = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
    await again.stop();
    expect(lines.join('\n')).toMatch(/removing stale PostgreSQL lock file/);
  });

  it('says which port is taken instead of hanging', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const attempt = startEmbeddedPostgres({ dataDir: tempDir(), port });
      await expect(attempt).rejects.toThrow(EmbeddedPostgresError);
      await expect(attempt).rejects.toThrow(`port ${port} for the embedded PostgreSQL is already in use: set EMBEDDED_PG_PORT`);
    } finally {
      blocker.close();
    }
  });
});
