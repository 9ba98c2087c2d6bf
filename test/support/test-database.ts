import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDataSource } from '../../src/database/data-source.js';

const TEMPLATE = 'rlhf_template';
const TEMPLATE_LOCK = 7_342_001;

function urlFor(database: string): string {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (!admin) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests with npm test');
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates and migrates the template once per run; an advisory lock serialises the test workers. */
async function ensureTemplate(client: pg.Client): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate', [TEMPLATE]);
  if (rowCount) return;
  await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE}"`);
  await client.query(`CREATE DATABASE "${TEMPLATE}"`);
  const dataSource = await openDataSource(urlFor(TEMPLATE));
  await dataSource.destroy();
  await client.query(`ALTER DATABASE "${TEMPLATE}" WITH IS_TEMPLATE true`);
}

/** A fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      await ensureTemplate(client);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return {
    url: urlFor(name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
