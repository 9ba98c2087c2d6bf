import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'first-admin-password' });
});
afterAll(() => t.close());

describe('HTTP hygiene', () => {
  it('GET /health reports the database and the version', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: 'ok',
      uptimeSeconds: expect.any(Number),
      model: expect.objectContaining({ provider: 'embedded', backend: 'cpu', contextLength: 128 }),
    });
  });

  it('serves OpenAPI at /docs with the routes documented', async () => {
    expect((await t.http().get('/docs')).text).toMatch(/swagger/i);
    const spec = await t.http().get('/docs-json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/auth/login', '/auth/api-keys', '/admin/users/{id}/roles/{role}']));
  });

  it('sets security headers and a request id, keeping a sane incoming one', async () => {
    const res = await t.http().get('/health').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    const generated = await t.http().get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
    const login = await t.http().post('/auth/login').send({ email: 'root@example.com', password: 'first-admin-password' });
    expect(login.status).toBe(200);
    expect(login.body.roles).toEqual(['user', 'admin']);
  });
});
