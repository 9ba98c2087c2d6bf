import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity.js';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { UsersService } from '../src/auth/users.service.js';
import { CliModule } from '../src/cli/cli.module.js';
import { COMMANDS, UsageError } from '../src/cli/commands.js';
import { loadConfig } from '../src/config/config.js';
import { createTestDatabase } from './support/test-database.js';

let app: INestApplicationContext;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
  const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'cli-')) });
  app = await NestFactory.createApplicationContext(CliModule.forRoot(config, db.url), { logger: false });
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

async function run(line: string): Promise<string[]> {
  const [name, ...args] = line.split(' ');
  const out: string[] = [];
  await COMMANDS[name].run(app, args, (l) => out.push(l));
  return out;
}

describe('operator CLI commands', () => {
  it('create-user, grant-role and create-api-key work against the database', async () => {
    expect(await run('create-user --email Op@Example.com --password operator-pass --role operator')).toEqual([
      expect.stringMatching(/^created op@example.com .* with roles user, operator$/),
    ]);
    expect(await run('grant-role --email op@example.com --role judge')).toEqual(['op@example.com now has roles user, operator, judge']);
    const [secret] = await run('create-api-key --email op@example.com');
    const resolved = await app.get(ApiKeysService).resolve(secret);
    expect(resolved?.user.email).toBe('op@example.com');

    const user = (await app.get(UsersService).findByEmail('op@example.com'))!;
    const audit = await app.get(DataSource).manager.findBy(AuditLog, { entityId: user.id, action: 'role.grant' });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBeNull();
  });

  it.each([
    ['create-user --email a@b.co', /--password is required/],
    ['create-user --email a@b.co --password pw', /at least 10 characters/],
    ['grant-role --email nobody@b.co --role judge', /no user with email nobody@b.co/],
    ['grant-role --email op@example.com --role emperor', /unknown role "emperor"/],
    ['create-api-key --mail x', /Unknown option '--mail'/],
  ])('%s fails with a usage message', async (line, message) => {
    await expect(run(line)).rejects.toThrow(UsageError);
    await expect(run(line)).rejects.toThrow(message);
  });
});
