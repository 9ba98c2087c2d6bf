import { join } from 'node:path';
import type { AppConfig } from '../config/config.js';
import { embeddedUrl, readRunningPostmaster, startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseHandle {
  url: string;
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  stop(): Promise<void>;
  embedded: boolean;
}

/**
 * DATABASE_URL wins. Without it the embedded PostgreSQL in DATA_DIR is used: started here, or — for
 * tools such as the CLI (`shareRunning`) — reached where a running server already started it.
 */
export async function connectDatabase(
  config: AppConfig,
  options: { shareRunning?: boolean; log?: (line: string) => void } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  const running = options.shareRunning ? readRunningPostmaster(join(config.dataDir, 'postgres')) : undefined;
  if (running) {
    return { url: embeddedUrl(config.dataDir, running.port), stop: async () => undefined, embedded: true };
  }
  const db = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: options.log });
  return { url: db.url, stop: db.stop, embedded: true };
}
