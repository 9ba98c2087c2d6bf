import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/common/package-info.js';
import { buildOnce } from '../../support/build-once.js';

const WEB = join(PROJECT_ROOT, 'web');

/**
 * Builds the web app (npm run build:web) unless web/dist is newer than its sources, so `npm test` works on a
 * clean clone. Call it before createTestApp(): the app serves web/dist only if it exists when the app is created.
 */
export function ensureWebBuild(): void {
  buildOnce({
    name: 'web',
    output: join(WEB, 'dist', 'index.html'),
    sources: [
      ...['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((p) => join(WEB, p)),
      // Server modules the app imports: the rubric and award math, the filter's categories.
      join(PROJECT_ROOT, 'src', 'contest', 'math'),
      join(PROJECT_ROOT, 'src', 'ml', 'classifier', 'categories.ts'),
    ],
    command: process.platform === 'win32' ? 'npm.cmd' : 'npm',
    args: ['run', 'build:web'],
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
