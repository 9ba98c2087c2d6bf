import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { initBackend } from '../ml/backend.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { connectDatabase } from '../database/connect.js';
import { EmbeddedPostgresError } from '../database/embedded-postgres.js';
import { CliModule } from './cli.module.js';
import { COMMANDS, UsageError } from './commands.js';

/**
 * npm run cli -- <command> [options]. Uses DATABASE_URL, or the embedded PostgreSQL in DATA_DIR:
 * the running server's when it is up, otherwise started just for this command.
 */
async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    const usage = Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n');
    throw new UsageError(`${name ? `unknown command "${name}"\n` : ''}usage: npm run cli -- <command>\n${usage}`);
  }
  const config = loadConfig();
  const database = await connectDatabase(config, { shareRunning: true });
  try {
    // `train` needs the run executors (model, datasets): the whole app, queueing only — a worker runs the job
    // (the server's, `npm run worker`, or this process with --work).
    if (command.full) await initBackend(config.model.tfjsBackend);
    const module = command.full
      ? AppModule.forRoot({ config: { ...config, worksJobs: args.includes('--work') }, databaseUrl: database.url })
      : CliModule.forRoot(config, database.url);
    const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
    try {
      await command.run(app, args, (line) => process.stdout.write(line + '\n'));
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: Error) => {
    const known = error instanceof UsageError || error instanceof ConfigError || error instanceof EmbeddedPostgresError;
    const message = known || (error as { status?: number }).status ? error.message : (error.stack ?? error.message);
    process.stderr.write(`rlhf-portal cli: ${message}\n`);
    process.exit(known ? 2 : 1);
  },
);
