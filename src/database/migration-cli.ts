/**
 * npm run migration:run | migration:revert | migration:generate -- <Name>
 * Works against DATABASE_URL or the embedded server (started for the command if not running).
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { connectDatabase } from './connect.js';
import { openDataSource, pendingSchemaChanges } from './data-source.js';

const MIGRATIONS_DIR = resolve('migrations');

function renderMigration(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

/** Adds the new class to migrations/index.ts, which lists migrations in the order they run. */
function register(fileBase: string, className: string): void {
  const indexFile = join(MIGRATIONS_DIR, 'index.ts');
  const source = readFileSync(indexFile, 'utf8');
  const lines = source.split('\n');
  const lastImport = lines.map((line) => line.startsWith('import ')).lastIndexOf(true);
  lines.splice(lastImport + 1, 0, `import { ${className} } from './${fileBase}.js';`);
  writeFileSync(indexFile, lines.join('\n').replace(/\n\];\s*$/, `\n  ${className},\n];\n`));
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const db = await connectDatabase(config, { shareRunning: true, log: console.log });
  const dataSource = await openDataSource(db.url, command !== 'revert' && command !== 'generate');
  try {
    if (command === 'run') {
      console.log('migrations are up to date');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: migration:generate -- <PascalCaseName>');
      await dataSource.runMigrations();
      const sql = await pendingSchemaChanges(dataSource);
      if (sql.upQueries.length === 0) {
        console.log('entities and migrations agree: nothing to generate');
        return;
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const fileBase = `${timestamp}-${name}`;
      const up = sql.upQueries.map((q) => q.query);
      const down = sql.downQueries.map((q) => q.query).reverse();
      writeFileSync(join(MIGRATIONS_DIR, `${fileBase}.ts`), renderMigration(className, up, down));
      register(fileBase, className);
      console.log(`wrote migrations/${fileBase}.ts`);
    } else {
      throw new Error('usage: migration-cli run | revert | generate <Name>');
    }
  } finally {
    await dataSource.destroy();
    await db.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
