import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/common/package-info.js';

export interface Build {
  /** Names the build in errors and its lock. */
  name: string;
  /** A file the build writes; the build is fresh while it is newer than every source. */
  output: string;
  sources: string[];
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function isFresh(build: Build): boolean {
  return existsSync(build.output) && statSync(build.output).mtimeMs >= Math.max(...build.sources.map(newest));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs a build unless its output is newer than its sources, so tests work on a clean clone. Test files run in
 * parallel workers: a lock directory makes one of them build while the others wait for it.
 */
export function buildOnce(build: Build): void {
  if (isFresh(build)) return;
  const id = createHash('sha1').update(`${PROJECT_ROOT}:${build.name}`).digest('hex').slice(0, 12);
  const lock = join(tmpdir(), `rlhf-build-${id}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock left by a killed run goes stale after 3 minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`waited too long for the ${build.name} build (lock ${lock})`);
      sleep(250);
    }
  }
  try {
    if (isFresh(build)) return;
    try {
      execFileSync(build.command, build.args, {
        cwd: PROJECT_ROOT,
        stdio: 'pipe',
        encoding: 'utf8',
        env: build.env,
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`the ${build.name} build failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
