import { listAudit } from '../../../server/domain/audit.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, type ConsoleClient, signedIn } from './console-client.ts';

const LAST_ADMIN = errorEnvelope('CONSOLE.LAST_ADMIN', 'Last admin', 'This is the last active admin: make another user admin first.');

describe.each(STORE_NAMES)('console user management (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let admin: ConsoleClient;
  let adminUser: { id: string; email: string };
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
    adminUser = await addConsoleUser(app.deps, tenant.id, 'admin');
    admin = await signedIn(app.url, adminUser.email, tenant.id);
  });

  describe('PATCH /dashboard/api/users/:id', () => {
    describe('for the last active admin', () => {
      it('answers 409 CONSOLE.LAST_ADMIN and keeps the role', async () => {
        const res = await admin.request('PATCH', `/users/${adminUser.id}`, { role: 'developer' });
        expect(res.status).toBe(409);
        expect(res.body).toStrictEqual(LAST_ADMIN);
        expect((await admin.request('GET', '/session')).body.data.user.role).toBe('admin');
      });
    });

    describe('for another user', () => {
      it('changes the role and audits before and after with the admin as actor', async () => {
        const other = await addConsoleUser(app.deps, tenant.id, 'operator');
        const res = await admin.request('PATCH', `/users/${other.id}`, { role: 'admin' });
        expect(res.body.data.user).toMatchObject({ id: other.id, role: 'admin' });
        const rows = (await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.role_changed');
        expect(rows).toMatchObject([{ actor: `user:${adminUser.id}`, source: 'console', targetId: other.id, before: { role: 'operator' }, after: { role: 'admin' } }]);
      });

      it('lets a former last admin step down once another admin exists', async () => {
        const other = await addConsoleUser(app.deps, tenant.id, 'admin');
        expect((await admin.request('PATCH', `/users/${adminUser.id}`, { role: 'developer' })).status).toBe(200);
        const second = await signedIn(app.url, other.email, tenant.id);
        expect((await second.request('PATCH', `/users/${other.id}`, { role: 'operator' })).body).toStrictEqual(LAST_ADMIN);
      });
    });
  });

  describe('POST /dashboard/api/users/:id/deactivate', () => {
    describe('for the last active admin', () => {
      it('answers 409 CONSOLE.LAST_ADMIN', async () => {
        expect((await admin.request('POST', `/users/${adminUser.id}/deactivate`)).body).toStrictEqual(LAST_ADMIN);
        expect((await admin.request('GET', '/session')).status).toBe(200);
      });
    });

    describe('for another user', () => {
      it('deactivates them, ends their session at once and audits it', async () => {
        const other = await addConsoleUser(app.deps, tenant.id, 'developer');
        const theirs = await signedIn(app.url, other.email, tenant.id);
        const res = await admin.request('POST', `/users/${other.id}/deactivate`);
        expect(res.body.data.user).toMatchObject({ id: other.id, status: 'deactivated' });
        expect((await theirs.request('GET', '/session')).status).toBe(401);
        const rows = (await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.deactivated');
        expect(rows).toMatchObject([{ actor: `user:${adminUser.id}`, targetId: other.id }]);
      });
    });

    describe('for a user of another tenant', () => {
      it('answers 400 and leaves them active', async () => {
        const elsewhere = await createTestTenant(await sharedStore(storeName));
        const stranger = await addConsoleUser(app.deps, elsewhere.id, 'developer');
        expect((await admin.request('POST', `/users/${stranger.id}/deactivate`)).status).toBe(400);
        expect((await signedIn(app.url, stranger.email, elsewhere.id)).csrf).toBeDefined();
      });
    });
  });
});
