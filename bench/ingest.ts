/**
 * npm run bench:ingest — report submissions per second and p50/p99 latency at 200 concurrent connections
 * on loopback (autocannon), beside PostgreSQL's raw single-row insert rate measured in the same run on the
 * same server; afterwards the stored count must equal the number acknowledged.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { SESSION_COOKIE } from '../src/auth/auth.guard.js';
import { SessionsService } from '../src/auth/sessions.service.js';
import { UsersService } from '../src/auth/users.service.js';
import { createApp } from '../src/bootstrap.js';
import { Conversation } from '../src/chat/conversation.entity.js';
import { Message } from '../src/chat/message.entity.js';
import { loadConfig } from '../src/config/config.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { Report } from '../src/feedback/feedback.entities.js';
import { commandLine, machine, table, updateBenchmarks } from './common.js';

const CONNECTIONS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RAW_INSERTS = 5000;

const dataDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
const db = await startEmbeddedPostgres({ dataDir, port: 54480 + Math.floor(Math.random() * 100) });
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', TFJS_BACKEND: process.env.TFJS_BACKEND ?? 'wasm' });
const app = await createApp({ config, databaseUrl: db.url });
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;

try {
  // Raw baseline: single-row INSERTs through a pool, as many in flight as the app's pool allows.
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  await pool.query('CREATE TABLE bench_raw (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz DEFAULT now())');
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < RAW_INSERTS) {
        next += 1;
        await pool.query('INSERT INTO bench_raw (body) VALUES ($1)', [`row ${next}`]);
      }
    }),
  );
  const rawRate = RAW_INSERTS / ((performance.now() - t0) / 1000);
  await pool.end();

  // A reporter with one model reply to report on.
  const user = await app.get(UsersService).create({ email: 'bench@example.com', password: 'bench-password-1' });
  const { token } = await app.get(SessionsService).create(user.id);
  const manager = app.get(DataSource).manager;
  const conversation = await manager.save(manager.create(Conversation, { userId: user.id, title: 'bench' }));
  const question = await manager.save(manager.create(Message, { conversationId: conversation.id, parentId: null, role: 'user', content: 'Tell me about the moon' }));
  const reply = await manager.save(
    manager.create(Message, { conversationId: conversation.id, parentId: question.id, role: 'assistant', content: 'The moon is made of cheese.' }),
  );

  const result = await autocannon({
    url: `${base}/reports`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
    body: JSON.stringify({ kind: 'harmful_output', messageId: reply.id, description: 'States something untrue about the moon' }),
  });
  const acknowledged = result['2xx'];
  const stored = await manager.countBy(Report, { reporterId: user.id });
  const rate = result.requests.average;
  const body = [
    `Machine: ${machine()}. Command: \`${commandLine('bench:ingest')}\`; ${CONNECTIONS} connections for ${SECONDS} s on loopback, embedded PostgreSQL.`,
    '',
    table(
      ['what', 'per second', 'ratio to raw insert', 'p50 ms', 'p99 ms'],
      [
        ['raw single-row INSERT (baseline, 10 connections)', rawRate.toFixed(0), '1.00', '–', '–'],
        ['POST /reports (snapshot, MinHash bands, event row)', rate.toFixed(0), (rate / rawRate).toFixed(2), result.latency.p50.toFixed(1), result.latency.p99.toFixed(1)],
      ],
    ),
    '',
    `Acknowledged ${acknowledged} (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}); stored ${stored}: ${stored === acknowledged ? 'nothing lost' : 'MISMATCH'}.`,
    'Targets: ≥ 50 % of the raw insert rate, p99 < 50 ms.',
  ].join('\n');
  console.log(body);
  updateBenchmarks('ingest', 'Report ingestion (npm run bench:ingest)', body);
  if (stored !== acknowledged) process.exitCode = 1;
} finally {
  await app.close();
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
