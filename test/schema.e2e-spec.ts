import { DataSource } from 'typeorm';
import { dataSourceOptions, pendingSchemaChanges } from '../src/database/data-source.js';
import { MIGRATIONS } from '../migrations/index.js';
import { createTestDatabase } from './support/test-database.js';

describe('migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('leave nothing for the entities to change (entities and migrations agree)', async () => {
    const { upQueries } = await pendingSchemaChanges(dataSource);
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert all the way down and run up again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    expect(tables[0].n).toBe(0);
    const ran = await dataSource.runMigrations();
    expect(ran).toHaveLength(MIGRATIONS.length);
    expect((await pendingSchemaChanges(dataSource)).upQueries).toEqual([]);
  });

  it('keep every LSH band when the band keys move to and from their table', async () => {
    const reporterId = '00000000-0000-4000-8000-000000000001';
    // Band 0 hashes to a value above 2^31 (stored signed in the old table), band 15 to a small one.
    const keys = [2 ** 32 - 5, ...Array.from({ length: 14 }, (_, i) => (i + 1) * 2 ** 32 + 1000 + i), 15 * 2 ** 32 + 7];
    const [{ id }] = await dataSource.query(
      `INSERT INTO reports (reporter_id, kind, message_id, description, snapshot, request_hash, signature, bands)
       VALUES ($1, 'bias', gen_random_uuid(), 'x', '{}', repeat('0', 64), '{}', $2) RETURNING id`,
      [reporterId, keys],
    );
    await dataSource.undoLastMigration();
    const rows = await dataSource.query('SELECT band, hash FROM report_bands WHERE report_id = $1 ORDER BY band', [id]);
    expect(rows[0]).toEqual({ band: 0, hash: -5 });
    expect(rows[15]).toEqual({ band: 15, hash: 7 });
    expect(rows).toHaveLength(16);
    await dataSource.runMigrations();
    const [{ bands }] = await dataSource.query('SELECT bands FROM reports WHERE id = $1', [id]);
    expect(bands.map(Number)).toEqual(keys);
    await dataSource.query('DELETE FROM reports WHERE id = $1', [id]);
  });

  it('have unique names in order', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });
});
