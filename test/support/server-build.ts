import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/common/package-info.js';

/** The compiled worker entry point (`npm run worker` runs it). */
export const COMPILED_WORKER = join(PROJECT_ROOT, 'dist', 'src', 'worker.js');
const SOURCES = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json'].map((p) =>
  join(PROJECT_ROOT, p),
);

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function isFresh(): boolean {
  return existsSync(COMPILED_WORKER) && statSync(COMPILED_WORKER).mtimeMs >= Math.max(...SOURCES.map(newest));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Compiles the server (tsc -p tsconfig.build.json) unless dist is newer than the sources, for tests that run
 * the worker as a real separate process (NestJS needs tsc's decorator metadata). A lock makes one test file
 * build while others wait.
 */
export function ensureServerBuild(): void {
  if (isFresh()) return;
  const lock = join(
    tmpdir(),
    `rlhf-server-build-${createHash('sha1').update(PROJECT_ROOT).digest('hex').slice(0, 12)}.lock`,
  );
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for the server build (lock ${lock})`);
      sleep(250);
    }
  }
  try {
    if (isFresh()) return;
    try {
      execFileSync(
        process.execPath,
        [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: PROJECT_ROOT,
          stdio: 'pipe',
          encoding: 'utf8',
        },
      );
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`tsc -p tsconfig.build.json failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
