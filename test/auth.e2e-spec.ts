import { SESSION_COOKIE } from '../src/auth/auth.guard.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no session cookie set');
  return cookie.split(';')[0];
}

describe('register, login, logout, me', () => {
  it('registers, signs in with an HTTP-only cookie, reads me, and logs out', async () => {
    const reg = await t.http().post('/auth/register').send({ email: 'Ada@Example.com', password: 'analytical-engine' });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ email: 'ada@example.com', roles: ['user'] });
    expect(reg.body.passwordHash).toBeUndefined();
    expect(reg.headers['set-cookie'][0]).toMatch(/HttpOnly/);

    const login = await t.http().post('/auth/login').send({ email: 'ADA@example.com', password: 'analytical-engine' });
    expect(login.status).toBe(200);
    const cookie = sessionCookie(login);

    const me = await t.http().get('/auth/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('ada@example.com');

    expect((await t.http().post('/auth/logout').set('Cookie', cookie)).status).toBe(204);
    const after = await t.http().get('/auth/me').set('Cookie', cookie);
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const { email } = await t.newUser();
    const wrong = await t.http().post('/auth/login').send({ email, password: 'not-the-password' });
    const unknown = await t.http().post('/auth/login').send({ email: 'nobody@example.com', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.message).toBe('Email or password is incorrect');
  });

  it('refuses a duplicate email, whatever its case, with 409', async () => {
    const { email } = await t.newUser();
    const res = await t.http().post('/auth/register').send({ email: email.toUpperCase(), password: 'another-password' });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/already exists/);
  });

  it('never stores the password in clear', async () => {
    const { user, password } = await t.newUser();
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(password);
  });

  it('treats an expired or forged session cookie as signed out', async () => {
    const res = await t.http().get('/auth/me').set('Cookie', `${SESSION_COOKIE}=forged-token`);
    expect(res.status).toBe(401);
  });
});

describe('bad input', () => {
  it.each([
    [{ password: 'long-enough-pass' }, /email must be an email/],
    [{ email: 'a@b.co' }, /password must be a string/],
    [{ email: 'a@b.co', password: 'long-enough-pass', admin: true }, /property admin should not exist/],
    [{ email: 'a@b.co', password: 12345678901 }, /password must be a string/],
    [{ email: 42, password: 'long-enough-pass' }, /email must be an email/],
    [{ email: 'a@b.co', password: 'short' }, /password must be at least 10 characters/],
  ])('register %j → 400 naming the field', async (body, message) => {
    const res = await t.http().post('/auth/register').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(message) });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.http().post('/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b.co",');
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.message).toMatch(/JSON/);
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.http().post('/auth/login').send({ email: 'a@b.co', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: expect.stringMatching(/larger than the limit/) });
  });

  it('answers an unknown route with the same error shape and no stack trace', async () => {
    const res = await t.http().get('/no/such/route');
    expect(res.status).toBe(404);
    expect(Object.keys(res.body).sort()).toEqual(['error', 'message', 'statusCode']);
  });
});

describe('API keys', () => {
  it('creates a key shown once, authenticates with it, lists it without the secret, and refuses it once revoked', async () => {
    const owner = await t.newUser();
    const created = await t.http().post('/auth/api-keys').set('Cookie', owner.cookie).send({ name: 'laptop' });
    expect(created.status).toBe(201);
    const { secret, id, prefix } = created.body;
    expect(secret).toMatch(/^rk_/);
    expect(secret.startsWith(prefix)).toBe(true);

    const me = await t.http().get('/auth/me').set('Authorization', `Bearer ${secret}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(owner.email);

    const list = await t.http().get('/auth/api-keys').set('Authorization', `Bearer ${secret}`);
    expect(list.body.data).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    expect((await t.http().delete(`/auth/api-keys/${id}`).set('Cookie', owner.cookie)).status).toBe(200);
    const revoked = await t.http().get('/auth/me').set('Authorization', `Bearer ${secret}`);
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).toMatch(/revoked/);
  });

  it('refuses a made-up key, and minting keys with a key', async () => {
    expect((await t.http().get('/auth/me').set('Authorization', 'Bearer rk_abcdefghijkl_' + 'x'.repeat(43))).status).toBe(401);
    const owner = await t.newUser();
    const key = await t.newApiKey(owner.user.id);
    const res = await t.http().post('/auth/api-keys').set('Authorization', `Bearer ${key}`).send({ name: 'more' });
    expect(res.status).toBe(403);
  });

  it("cannot revoke someone else's key", async () => {
    const alice = await t.newUser();
    const bob = await t.newUser();
    const created = await t.http().post('/auth/api-keys').set('Cookie', alice.cookie).send({ name: 'a' });
    const res = await t.http().delete(`/auth/api-keys/${created.body.id}`).set('Cookie', bob.cookie);
    expect(res.status).toBe(404);
  });
});

describe('rate limit', () => {
  it('answers the 4th login within a minute with 429 when the limit is 3', async () => {
    const limited = await createTestApp({ AUTH_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await limited.http().post('/auth/login').send({ email: 'x@y.co', password: 'wrong-password' })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const res = await limited.http().post('/auth/login').send({ email: 'x@y.co', password: 'wrong-password' });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body.message).toMatch(/Too many attempts/);
      // Registration is counted separately, so it still works.
      expect((await limited.http().post('/auth/register').send({ email: 'x@y.co', password: 'right-password' })).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
