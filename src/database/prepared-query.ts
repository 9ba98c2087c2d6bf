import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Runs `text` as the named prepared statement `name` on the DataSource's pool (outside any transaction):
 * PostgreSQL parses and plans it once per pooled connection instead of on every call. For the few
 * statements that every request of a hot route runs.
 */
export async function preparedQuery<T extends QueryResultRow>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query<T>({ name, text, values })).rows;
}
