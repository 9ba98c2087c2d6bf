import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/common/package-info.js';
import { freePort } from './support/free-port.js';
import { ensureServerBuild } from './support/server-build.js';

jest.setTimeout(120_000);

const MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');

beforeAll(() => ensureServerBuild());

/**
 * Starts the compiled service on an embedded PostgreSQL in a fresh data directory, waits until it listens, calls
 * `kill` with its pid, and answers with its exit code, its output and whether its PostgreSQL ran before and after.
 * `detached` gives the service a process group of its own, which its PostgreSQL joins, as a terminal's job.
 */
async function stopService(kill: (pid: number) => void, options: { detached: boolean }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'rlhf-shutdown-'));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      TFJS_BACKEND: 'cpu',
    };
    delete env.DATABASE_URL;
    const service = spawn(process.execPath, [MAIN], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached,
    });
    let output = '';
    const listening = new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('rlhf-portal listening on')) resolve();
      };
      service.stdout.on('data', read);
      service.stderr.on('data', read);
      service.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
    });
    const exited = new Promise<number | null>((resolve) => service.once('exit', (code) => resolve(code)));
    await listening;
    const runningBefore = existsSync(join(dataDir, 'postgres', 'postmaster.pid'));
    kill(service.pid!);
    const code = await exited;
    return {
      code,
      output,
      runningBefore,
      runningAfter: existsSync(join(dataDir, 'postgres', 'postmaster.pid')),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const warnings = (output: string) => output.split('\n').filter((line) => /"level":"(warn|error)"/.test(line));

describe('the service process', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'on %s closes the app, then stops its embedded PostgreSQL, and exits 0 without a warning',
    async (signal) => {
      const stopped = await stopService((pid) => process.kill(pid, signal), { detached: false });
      expect(stopped.runningBefore).toBe(true);
      expect(stopped.code).toBe(0);
      expect(warnings(stopped.output)).toEqual([]);
      expect(stopped.output).toContain(`${signal} received: shutting down`);
      expect(stopped.runningAfter).toBe(false);
    },
  );

  it("on a terminal's Ctrl-C (SIGINT to its process group, its PostgreSQL included) exits 0 without a warning", async () => {
    const stopped = await stopService((pid) => process.kill(-pid, 'SIGINT'), { detached: true });
    expect(stopped.runningBefore).toBe(true);
    expect(stopped.code).toBe(0);
    expect(warnings(stopped.output)).toEqual([]);
    expect(stopped.output).toContain('SIGINT received: shutting down');
    expect(stopped.runningAfter).toBe(false);
  });
});
