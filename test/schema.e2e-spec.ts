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

  it('have unique names in order', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });
});
