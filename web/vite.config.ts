import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app: `npm run build:web` writes web/dist, which the API serves at `/`.
 * `npm run dev:web` serves it with hot reload on :5173 and forwards everything else to the API at API_URL
 * (default http://127.0.0.1:3000: `npm run start:dev` in another terminal).
 */
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

// Every request but Vite's own (modules, the dev client, public files) goes to the API, whatever routes it
// grows; a page load (Accept: text/html) of an app URL gets the app instead, as the API itself does.
const TO_API = '^/(?!src/|@vite/|@react-refresh|@fs/|@id/|node_modules/|favicon\\.svg$|$)';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: {
      [TO_API]: {
        target: api,
        bypass: (req) =>
          req.headers.accept?.includes('text/html') && !req.url?.startsWith('/docs')
            ? '/index.html'
            : undefined,
      },
    },
  },
});
