import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/common/package-info.js';
import { buildOnce } from './build-once.js';

/** The compiled worker entry point (`npm run worker` runs it). */
export const COMPILED_WORKER = join(PROJECT_ROOT, 'dist', 'src', 'worker.js');

/**
 * Compiles the server (tsc -p tsconfig.build.json) unless dist is newer than the sources, for tests that run
 * the worker as a real separate process (NestJS needs tsc's decorator metadata).
 */
export function ensureServerBuild(): void {
  buildOnce({
    name: 'server',
    output: COMPILED_WORKER,
    sources: ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(PROJECT_ROOT, p)),
    command: process.execPath,
    args: [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
  });
}
