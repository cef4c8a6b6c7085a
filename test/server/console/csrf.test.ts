import { listUsers } from '../../../server/domain/console/users.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, ConsoleClient, PASSWORD, signedIn } from './console-client.ts';

const CSRF = errorEnvelope('CONSOLE.CSRF_INVALID', 'CSRF token invalid');

describe.each(STORE_NAMES)('CSRF protection of /dashboard/api (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let admin: { id: string; email: string };
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
    admin = await addConsoleUser(app.deps, tenant.id, 'admin');
  });

  describe('POST /dashboard/api/users', () => {
    describe('without an X-CSRF-Token header', () => {
      it('answers 403 CONSOLE.CSRF_INVALID and invites nobody', async () => {
        const client = await signedIn(app.url, admin.email, tenant.id);
        const res = await client.request('POST', '/users', { email: 'new@example.test', role: 'operator' }, { csrf: null });
        expect(res.status).toBe(403);
        expect(res.body).toStrictEqual(CSRF);
        expect((await listUsers(app.deps.db, tenant.id)).map((u) => u.email)).toStrictEqual([admin.email]);
      });
    });

    describe('with a wrong token', () => {
      it('answers 403 CONSOLE.CSRF_INVALID and invites nobody', async () => {
        const client = await signedIn(app.url, admin.email, tenant.id);
        const res = await client.request('POST', '/users', { email: 'new@example.test', role: 'operator' }, { csrf: 'x'.repeat(43) });
        expect(res.body).toStrictEqual(CSRF);
        expect(await listUsers(app.deps.db, tenant.id)).toHaveLength(1);
      });
    });

    describe("with another session's token", () => {
      it('answers 403 CONSOLE.CSRF_INVALID', async () => {
        const client = await signedIn(app.url, admin.email, tenant.id);
        const other = await signedIn(app.url, admin.email, tenant.id);
        const res = await client.request('POST', '/users', { email: 'new@example.test', role: 'operator' }, { csrf: other.csrf! });
        expect(res.body).toStrictEqual(CSRF);
      });
    });

    describe('with the session token', () => {
      it('invites the user', async () => {
        const client = await signedIn(app.url, admin.email, tenant.id);
        const res = await client.request('POST', '/users', { email: 'new@example.test', role: 'operator' });
        expect(res.status).toBe(200);
        expect(await listUsers(app.deps.db, tenant.id)).toHaveLength(2);
      });
    });
  });

  describe('POST /dashboard/api/sign-in', () => {
    describe('without the pre-session token', () => {
      it('answers 403 CONSOLE.CSRF_INVALID and sets no session cookie', async () => {
        const client = new ConsoleClient(app.url);
        const res = await client.request('POST', '/sign-in', { email: admin.email, password: PASSWORD, tenant: tenant.id });
        expect(res.body).toStrictEqual(CSRF);
        expect(client.cookies.has('pb_session')).toBe(false);
      });
    });

    describe("with a token bound to another client's pre-session cookie", () => {
      it('answers 403 CONSOLE.CSRF_INVALID', async () => {
        const attacker = new ConsoleClient(app.url);
        await attacker.prepare();
        const victim = new ConsoleClient(app.url);
        await victim.prepare();
        const res = await victim.request('POST', '/sign-in', { email: admin.email, password: PASSWORD, tenant: tenant.id }, { csrf: attacker.csrf! });
        expect(res.body).toStrictEqual(CSRF);
      });
    });
  });
});
