import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { onShutdownSignals } from './common/shutdown-signals.js';
import { ConfigError, loadConfig } from './config/config.js';
import { connectDatabase } from './database/connect.js';
import { EmbeddedPostgresError } from './database/embedded-postgres.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (msg: string) => process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg }) + '\n');
  const database = await connectDatabase(config, { log });
  const app = await createApp({ config, databaseUrl: database.url }).catch(async (error) => {
    await database.stop();
    throw error;
  });

  const shutdown = async (signal: string) => {
    log(`${signal} received: shutting down`);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  onShutdownSignals((signal) => void shutdown(signal));

  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close();
    await database.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`port ${config.port} is already in use: set PORT to a free port`);
    }
    throw error;
  }
  log(`rlhf-portal listening on http://${config.host}:${config.port} (docs at /docs)`);
}

main().catch((error: Error) => {
  const expected = error instanceof ConfigError || error instanceof EmbeddedPostgresError;
  process.stderr.write(`rlhf-portal: ${expected ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
