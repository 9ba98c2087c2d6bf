import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/json-logger.js';
import { onShutdownSignals } from './common/shutdown-signals.js';
import { ConfigError, loadConfig } from './config/config.js';
import { connectDatabase } from './database/connect.js';
import { EmbeddedPostgresError } from './database/embedded-postgres.js';
import { initBackend } from './ml/backend.js';

/**
 * `npm run worker`: works the job queue (training runs) without serving HTTP, for GPU hosts pulling
 * from the same PostgreSQL. The API then runs with WORKER=separate.
 */
async function main(): Promise<void> {
  const config = { ...loadConfig(), worksJobs: true };
  await initBackend(config.model.tfjsBackend);
  const database = await connectDatabase(config, { shareRunning: true });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: database.url }), {
    logger: new JsonLogger(config.logLevel),
  });
  const shutdown = async () => {
    await app.close();
    await database.stop();
    process.exit(0);
  };
  onShutdownSignals(() => void shutdown());
}

main().catch((error: Error) => {
  const expected = error instanceof ConfigError || error instanceof EmbeddedPostgresError;
  process.stderr.write(`rlhf-portal worker: ${expected ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
