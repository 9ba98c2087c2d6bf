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

describe('the service process', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'on %s closes the app, then stops its embedded PostgreSQL, and exits 0 without a warning',
    async (signal) => {
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
        const service = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
        expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

        service.kill(signal);
        expect(await exited).toBe(0);
        const warnings = output.split('\n').filter((line) => /"level":"(warn|error)"/.test(line));
        expect(warnings).toEqual([]);
        expect(output).toContain(`${signal} received: shutting down`);
        expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
