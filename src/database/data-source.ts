import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';

/** The one DataSource configuration shared by the server, the worker, the CLI and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsTransactionMode: 'each',
    // Failed queries surface as exceptions; logging them would print parameters such as password hashes.
    logging: false,
  };
}

export async function openDataSource(url: string, runMigrations = true): Promise<DataSource> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  if (runMigrations) await dataSource.runMigrations();
  return dataSource;
}

/** SQL needed to bring the schema in line with the entities; empty when they agree. */
export async function pendingSchemaChanges(dataSource: DataSource) {
  return dataSource.driver.createSchemaBuilder().log();
}
