import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/common/package-info.js';

const WEB = join(PROJECT_ROOT, 'web');
const BUILT = join(WEB, 'dist', 'index.html');
/** What the build reads: when any of it is newer than web/dist, the build is stale. */
const SOURCES = [
  ...['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((p) => join(WEB, p)),
  // Server modules the app imports: the rubric and award math, the filter's categories.
  join(PROJECT_ROOT, 'src', 'contest', 'math'),
  join(PROJECT_ROOT, 'src', 'ml', 'classifier', 'categories.ts'),
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function isFresh(): boolean {
  return existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map(newest));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the web app (npm run build:web) unless web/dist is newer than its sources, so `npm test` works on a
 * clean clone. Test files run in parallel workers: a lock makes one build while the others wait for it.
 * Call it before createTestApp(): the app serves web/dist only if it exists when the app is created.
 */
export function ensureWebBuild(): void {
  if (isFresh()) return;
  const lock = join(
    tmpdir(),
    `rlhf-web-build-${createHash('sha1').update(WEB).digest('hex').slice(0, 12)}.lock`,
  );
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock left by a killed run goes stale after 3 minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for the web build (lock ${lock})`);
      sleep(250);
    }
  }
  try {
    if (isFresh()) return;
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    try {
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      execFileSync(npm, ['run', 'build:web'], {
        cwd: PROJECT_ROOT,
        stdio: 'pipe',
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production' },
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run build:web failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
