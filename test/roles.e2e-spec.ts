import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity.js';
import { ROLES, type Role } from '../src/auth/roles.js';
import { listRoutes } from './support/routes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const SOME_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Who may call what. Every route the app serves must be listed here (checked below), so a new route
 * cannot ship without its place in the matrix.
 */
const MATRIX: { method: string; path: string; allowed: Role[] | 'public'; call?: string }[] = [
  { method: 'GET', path: '/health', allowed: 'public' },
  { method: 'POST', path: '/auth/register', allowed: 'public' },
  { method: 'POST', path: '/auth/login', allowed: 'public' },
  { method: 'POST', path: '/auth/logout', allowed: ['user'] },
  { method: 'GET', path: '/auth/me', allowed: ['user'] },
  { method: 'POST', path: '/auth/api-keys', allowed: ['user'] },
  { method: 'GET', path: '/auth/api-keys', allowed: ['user'] },
  { method: 'DELETE', path: '/auth/api-keys/:id', allowed: ['user'], call: `/auth/api-keys/${SOME_ID}` },
  { method: 'GET', path: '/admin/users', allowed: ['admin'] },
  { method: 'PUT', path: '/admin/users/:id/roles/:role', allowed: ['admin'], call: `/admin/users/${SOME_ID}/roles/judge` },
  { method: 'DELETE', path: '/admin/users/:id/roles/:role', allowed: ['admin'], call: `/admin/users/${SOME_ID}/roles/judge` },
  { method: 'POST', path: '/conversations', allowed: ['user'] },
  { method: 'GET', path: '/conversations', allowed: ['user'] },
  { method: 'GET', path: '/conversations/:id', allowed: ['user'], call: `/conversations/${SOME_ID}` },
  { method: 'PATCH', path: '/conversations/:id', allowed: ['user'], call: `/conversations/${SOME_ID}` },
  { method: 'DELETE', path: '/conversations/:id', allowed: ['user'], call: `/conversations/${SOME_ID}` },
  { method: 'POST', path: '/conversations/:id/messages', allowed: ['user'], call: `/conversations/${SOME_ID}/messages` },
  {
    method: 'POST',
    path: '/conversations/:id/messages/:messageId/regenerate',
    allowed: ['user'],
    call: `/conversations/${SOME_ID}/messages/${SOME_ID}/regenerate`,
  },
  {
    method: 'POST',
    path: '/conversations/:id/messages/:messageId/stop',
    allowed: ['user'],
    call: `/conversations/${SOME_ID}/messages/${SOME_ID}/stop`,
  },
  { method: 'GET', path: '/v1/models', allowed: ['user'] },
  { method: 'POST', path: '/v1/chat/completions', allowed: ['user'] },
  { method: 'GET', path: '/models/versions', allowed: ['operator', 'admin'] },
  { method: 'GET', path: '/models/serving', allowed: ['operator', 'admin'] },
  { method: 'POST', path: '/models/versions/:id/promote', allowed: ['operator', 'admin'], call: `/models/versions/${SOME_ID}/promote` },
  { method: 'POST', path: '/models/rollback', allowed: ['operator', 'admin'] },
  { method: 'GET', path: '/models/:id/lineage', allowed: ['operator', 'admin'], call: `/models/${SOME_ID}/lineage` },
  { method: 'POST', path: '/retrain/tasks/from-reports', allowed: ['operator', 'admin'] },
  { method: 'POST', path: '/retrain/tasks/from-conversations', allowed: ['operator', 'admin'] },
  { method: 'GET', path: '/retrain/tasks', allowed: ['operator', 'admin'] },
  { method: 'GET', path: '/retrain/tasks/next', allowed: ['trainer'] },
  { method: 'POST', path: '/retrain/tasks/:id/rankings', allowed: ['trainer'], call: `/retrain/tasks/${SOME_ID}/rankings` },
  { method: 'POST', path: '/retrain/demonstrations/suggestions', allowed: ['trainer'] },
  { method: 'POST', path: '/retrain/demonstrations', allowed: ['trainer'] },
  { method: 'POST', path: '/retrain/datasets', allowed: ['operator', 'admin'] },
  { method: 'GET', path: '/retrain/datasets', allowed: ['operator', 'admin'] },
  { method: 'GET', path: '/retrain/datasets/:id', allowed: ['operator', 'admin'], call: `/retrain/datasets/${SOME_ID}` },
  { method: 'GET', path: '/retrain/datasets/:id/export', allowed: ['operator', 'admin'], call: `/retrain/datasets/${SOME_ID}/export?format=trl` },
  { method: 'POST', path: '/runs', allowed: ['operator', 'admin'] },
  { method: 'GET', path: '/runs', allowed: ['operator', 'admin'] },
  { method: 'GET', path: '/runs/:id', allowed: ['operator', 'admin'], call: `/runs/${SOME_ID}` },
  { method: 'GET', path: '/runs/:id/metrics', allowed: ['operator', 'admin'], call: `/runs/${SOME_ID}/metrics` },
  { method: 'GET', path: '/runs/:id/events', allowed: ['operator', 'admin'], call: `/runs/${SOME_ID}/events` },
  { method: 'POST', path: '/runs/:id/cancel', allowed: ['operator', 'admin'], call: `/runs/${SOME_ID}/cancel` },
  { method: 'GET', path: '/moderation/thresholds', allowed: ['admin', 'operator', 'trainer'] },
  { method: 'PUT', path: '/moderation/thresholds', allowed: ['admin'] },
  { method: 'GET', path: '/moderation/rules', allowed: ['admin'] },
  { method: 'POST', path: '/moderation/rules', allowed: ['admin'] },
  { method: 'DELETE', path: '/moderation/rules/:id', allowed: ['admin'], call: `/moderation/rules/${SOME_ID}` },
  { method: 'POST', path: '/v1/moderations', allowed: ['user'] },
  { method: 'PUT', path: '/messages/:id/rating', allowed: ['user'], call: `/messages/${SOME_ID}/rating` },
  { method: 'GET', path: '/messages/:id/rating', allowed: ['user'], call: `/messages/${SOME_ID}/rating` },
  { method: 'GET', path: '/conversations/:id/ratings', allowed: ['user'], call: `/conversations/${SOME_ID}/ratings` },
  { method: 'POST', path: '/reports', allowed: ['user'] },
  { method: 'GET', path: '/reports', allowed: ['user'] },
  { method: 'GET', path: '/reports/:id', allowed: ['user'], call: `/reports/${SOME_ID}` },
  { method: 'POST', path: '/reports/:id/answers', allowed: ['user'], call: `/reports/${SOME_ID}/answers` },
  { method: 'GET', path: '/triage/reports', allowed: ['trainer', 'admin'] },
  { method: 'GET', path: '/triage/reports/:id', allowed: ['trainer', 'admin'], call: `/triage/reports/${SOME_ID}` },
  { method: 'POST', path: '/triage/reports/:id/decisions', allowed: ['trainer', 'admin'], call: `/triage/reports/${SOME_ID}/decisions` },
  // Contests, judging, notifications (src/contest) and credits (src/credits)
  { method: 'GET', path: '/contests', allowed: 'public' },
  { method: 'GET', path: '/contests/:slug', allowed: 'public', call: '/contests/no-such-contest' },
  { method: 'GET', path: '/contests/:slug/results', allowed: 'public', call: '/contests/no-such-contest/results' },
  { method: 'POST', path: '/contests/:slug/entries', allowed: ['user'], call: '/contests/no-such-contest/entries' },
  { method: 'GET', path: '/contest-entries', allowed: ['user'] },
  { method: 'GET', path: '/contest-entries/:id', allowed: ['user'], call: `/contest-entries/${SOME_ID}` },
  { method: 'PATCH', path: '/contest-entries/:id', allowed: ['user'], call: `/contest-entries/${SOME_ID}` },
  { method: 'POST', path: '/contest-entries/:id/withdraw', allowed: ['user'], call: `/contest-entries/${SOME_ID}/withdraw` },
  { method: 'POST', path: '/admin/contests', allowed: ['admin'] },
  { method: 'GET', path: '/admin/contests', allowed: ['admin'] },
  { method: 'GET', path: '/admin/contests/:slug', allowed: ['admin'], call: '/admin/contests/no-such-contest' },
  { method: 'PATCH', path: '/admin/contests/:slug', allowed: ['admin'], call: '/admin/contests/no-such-contest' },
  { method: 'POST', path: '/admin/contests/:slug/status', allowed: ['admin'], call: '/admin/contests/no-such-contest/status' },
  { method: 'GET', path: '/admin/rubric-templates', allowed: ['admin'] },
  { method: 'GET', path: '/admin/contests/:slug/entries', allowed: ['admin'], call: '/admin/contests/no-such-contest/entries' },
  {
    method: 'POST',
    path: '/admin/contests/:slug/entries/:entryId/screening',
    allowed: ['admin'],
    call: `/admin/contests/no-such-contest/entries/${SOME_ID}/screening`,
  },
  { method: 'GET', path: '/admin/contests/:slug/judges', allowed: ['admin'], call: '/admin/contests/no-such-contest/judges' },
  { method: 'PUT', path: '/admin/contests/:slug/judges/:userId', allowed: ['admin'], call: `/admin/contests/no-such-contest/judges/${SOME_ID}` },
  { method: 'DELETE', path: '/admin/contests/:slug/judges/:userId', allowed: ['admin'], call: `/admin/contests/no-such-contest/judges/${SOME_ID}` },
  { method: 'POST', path: '/admin/contests/:slug/assignments', allowed: ['admin'], call: '/admin/contests/no-such-contest/assignments' },
  {
    method: 'POST',
    path: '/admin/contests/:slug/entries/:entryId/assignments',
    allowed: ['admin'],
    call: `/admin/contests/no-such-contest/entries/${SOME_ID}/assignments`,
  },
  { method: 'GET', path: '/admin/contests/:slug/standings', allowed: ['admin'], call: '/admin/contests/no-such-contest/standings' },
  { method: 'POST', path: '/admin/contests/:slug/finalise', allowed: ['admin'], call: '/admin/contests/no-such-contest/finalise' },
  { method: 'GET', path: '/judging/contests', allowed: ['judge'] },
  { method: 'GET', path: '/judging/contests/:slug/conflicts', allowed: ['judge'], call: '/judging/contests/no-such-contest/conflicts' },
  { method: 'POST', path: '/judging/contests/:slug/conflicts', allowed: ['judge'], call: '/judging/contests/no-such-contest/conflicts' },
  { method: 'GET', path: '/judging/assignments', allowed: ['judge'] },
  { method: 'GET', path: '/judging/assignments/:id', allowed: ['judge'], call: `/judging/assignments/${SOME_ID}` },
  { method: 'PUT', path: '/judging/assignments/:id/score', allowed: ['judge'], call: `/judging/assignments/${SOME_ID}/score` },
  { method: 'POST', path: '/judging/assignments/:id/recuse', allowed: ['judge'], call: `/judging/assignments/${SOME_ID}/recuse` },
  { method: 'GET', path: '/notifications', allowed: ['user'] },
  { method: 'POST', path: '/notifications/:id/read', allowed: ['user'], call: `/notifications/${SOME_ID}/read` },
  { method: 'POST', path: '/notifications/read-all', allowed: ['user'] },
  { method: 'GET', path: '/credits/balance', allowed: ['user'] },
  { method: 'GET', path: '/credits/ledger', allowed: ['user'] },
  { method: 'GET', path: '/credits/prices', allowed: ['user'] },
  { method: 'PUT', path: '/admin/credits/prices', allowed: ['admin'] },
  { method: 'GET', path: '/admin/credits/users/:userId', allowed: ['admin'], call: `/admin/credits/users/${SOME_ID}` },
  { method: 'POST', path: '/admin/credits/users/:userId/grants', allowed: ['admin'], call: `/admin/credits/users/${SOME_ID}/grants` },
  { method: 'POST', path: '/admin/credits/users/:userId/adjustments', allowed: ['admin'], call: `/admin/credits/users/${SOME_ID}/adjustments` },
];

describe('route declarations', () => {
  it('every route declares its roles or that it is public', () => {
    const undeclared = listRoutes(t.app).filter((r) => !r.isPublic && !r.roles?.length);
    expect(undeclared).toEqual([]);
  });

  it('the matrix lists exactly the routes the app serves, with their declared roles', () => {
    const served = listRoutes(t.app)
      .map((r) => `${r.method} ${r.path} ${r.isPublic ? 'public' : r.roles!.join('|')}`)
      .sort();
    const listed = MATRIX.map((r) => `${r.method} ${r.path} ${r.allowed === 'public' ? 'public' : r.allowed.join('|')}`).sort();
    expect(served).toEqual(listed);
  });
});

describe('role matrix', () => {
  const cases = MATRIX.flatMap((route) => ROLES.map((role) => ({ ...route, role })));

  it.each(cases)('$method $path as $role', async ({ method, path, call, allowed, role }) => {
    // A holder of exactly this role, plus the base role every account has.
    const { cookie } = await t.newUser([role]);
    const holds: Role[] = ['user', role];
    const verb = method.toLowerCase() as 'get';
    const res = await t.http()[verb](call ?? path).set('Cookie', cookie).send({});
    if (allowed === 'public' || holds.some((r) => allowed.includes(r))) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/needs one of the roles/);
    }
  });

  it.each(MATRIX.filter((r) => r.allowed !== 'public'))('$method $path refuses anonymous callers with 401', async ({ method, path, call }) => {
    const res = await t.http()[method.toLowerCase() as 'get'](call ?? path).send({});
    expect(res.status).toBe(401);
  });
});

describe('role administration', () => {
  it('an admin grants and revokes a role, and each change is audited', async () => {
    const admin = await t.newUser(['admin']);
    const member = await t.newUser();
    const granted = await t.http().put(`/admin/users/${member.user.id}/roles/trainer`).set('Cookie', admin.cookie);
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual(['user', 'trainer']);
    const revoked = await t.http().delete(`/admin/users/${member.user.id}/roles/trainer`).set('Cookie', admin.cookie);
    expect(revoked.body.roles).toEqual(['user']);

    const audit = await t.app.get(DataSource).manager.find(AuditLog, {
      where: { entityType: 'user', entityId: member.user.id },
      order: { createdAt: 'ASC' },
    });
    expect(audit.map((a) => [a.action, a.actorId, a.data.role])).toEqual([
      ['user.create', null, undefined],
      ['role.grant', admin.user.id, 'trainer'],
      ['role.revoke', admin.user.id, 'trainer'],
    ]);
  });

  it('a role change takes effect on the next request of an existing session', async () => {
    const admin = await t.newUser(['admin']);
    const member = await t.newUser();
    expect((await t.http().get('/admin/users').set('Cookie', member.cookie)).status).toBe(403);
    await t.http().put(`/admin/users/${member.user.id}/roles/admin`).set('Cookie', admin.cookie);
    expect((await t.http().get('/admin/users').set('Cookie', member.cookie)).status).toBe(200);
  });

  it('rejects an unknown role and a malformed id with 400, and a missing user with 404', async () => {
    const admin = await t.newUser(['admin']);
    const bad = await t.http().put(`/admin/users/${SOME_ID}/roles/king`).set('Cookie', admin.cookie);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/role must be one of/);
    const badId = await t.http().put('/admin/users/42/roles/judge').set('Cookie', admin.cookie);
    expect(badId.status).toBe(400);
    expect(badId.body.message).toMatch(/id must be a UUID/);
    expect((await t.http().put(`/admin/users/${SOME_ID}/roles/judge`).set('Cookie', admin.cookie)).status).toBe(404);
  });

  it('lists users a page at a time', async () => {
    const admin = await t.newUser(['admin']);
    const first = await t.http().get('/admin/users?limit=1').set('Cookie', admin.cookie);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http().get(`/admin/users?limit=1&cursor=${first.body.nextCursor}`).set('Cookie', admin.cookie);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    expect(JSON.stringify(first.body)).not.toMatch(/argon2/);
    expect((await t.http().get('/admin/users?limit=500').set('Cookie', admin.cookie)).status).toBe(400);
  });
});
