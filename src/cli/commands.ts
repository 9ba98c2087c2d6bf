import type { INestApplicationContext } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { isRole, type Role } from '../auth/roles.js';
import { UsersService } from '../auth/users.service.js';
import { train, TrainUsageError } from './train-command.js';

export class UsageError extends Error {}

type Print = (line: string) => void;
type Command = (app: INestApplicationContext, args: string[], print: Print) => Promise<void>;

function options(args: string[], spec: Record<string, { type: 'string'; multiple?: boolean }>) {
  try {
    return parseArgs({ args, options: spec, strict: true }).values as Record<string, string | string[] | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function roles(values: string[] | undefined): Role[] {
  return (values ?? []).map((role) => {
    if (!isRole(role)) throw new UsageError(`unknown role "${role}"`);
    return role;
  });
}

async function userByEmail(app: INestApplicationContext, email: string) {
  const user = await app.get(UsersService).findByEmail(email);
  if (!user) throw new UsageError(`no user with email ${email}`);
  return user;
}

const createUser: Command = async (app, args, print) => {
  const values = options(args, { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', multiple: true } });
  const password = required(values, 'password');
  if (password.length < 10) throw new UsageError('--password must be at least 10 characters');
  const user = await app.get(UsersService).create({ email: required(values, 'email'), password, roles: roles(values.role as string[]) });
  print(`created ${user.email} (${user.id}) with roles ${user.roles.join(', ')}`);
};

const changeRole =
  (grant: boolean): Command =>
  async (app, args, print) => {
    const values = options(args, { email: { type: 'string' }, role: { type: 'string', multiple: true } });
    const user = await userByEmail(app, required(values, 'email'));
    const wanted = roles(values.role as string[]);
    if (wanted.length === 0) throw new UsageError('--role is required');
    const users = app.get(UsersService);
    let roleList = user.roles;
    for (const role of wanted) {
      roleList = (grant ? await users.grantRole(user.id, role, null) : await users.revokeRole(user.id, role, null)).roles;
    }
    print(`${user.email} now has roles ${roleList.join(', ')}`);
  };

const createApiKey: Command = async (app, args, print) => {
  const values = options(args, { email: { type: 'string' }, name: { type: 'string' } });
  const user = await userByEmail(app, required(values, 'email'));
  const { secret } = await app.get(ApiKeysService).create(user.id, (values.name as string) ?? 'cli', null);
  print(secret);
};

const trainCommand: Command = async (app, args, print) => {
  let drawn = false;
  const out = (line: string) => {
    if (drawn) process.stderr.write('\n'); // end the progress bar's line
    drawn = false;
    print(line);
  };
  try {
    await train(app, args, out, (line) => {
      drawn = true;
      process.stderr.write(`\r${line}`);
    });
  } catch (error) {
    if (error instanceof TrainUsageError) throw new UsageError(error.message);
    throw error;
  }
};

/** `full`: the command needs the whole application (model, runs), started without working jobs. */
export const COMMANDS: Record<string, { run: Command; usage: string; full?: boolean }> = {
  'create-user': { run: createUser, usage: 'create-user --email E --password P [--role R ...]' },
  'grant-role': { run: changeRole(true), usage: 'grant-role --email E --role R [--role R ...]' },
  'revoke-role': { run: changeRole(false), usage: 'revoke-role --email E --role R [--role R ...]' },
  'create-api-key': { run: createApiKey, usage: 'create-api-key --email E [--name N]   (prints the key once)' },
  train: { run: trainCommand, usage: 'train <sft|reward|ppo|moderation> [--param key=value ...] [--no-follow] [--work]   (a worker runs it; --work: this process)', full: true },
};
