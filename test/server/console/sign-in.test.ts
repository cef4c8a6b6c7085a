import { listAudit } from '../../../server/domain/audit.ts';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../../server/domain/console/sessions.ts';
import { deactivateUser } from '../../../server/domain/console/users.ts';
import { createTestTenant, errorEnvelope, startApp, TEST_ACTOR, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, ConsoleClient, PASSWORD, signedIn } from './console-client.ts';

const WRONG = errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', 'Authentication invalid', 'The email or password is wrong.');
const SIGNED_OUT = errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', 'Authentication invalid', 'Sign in to the console first (or your session has ended).');

describe.each(STORE_NAMES)('console sign-in and sessions (%s)', (storeName) => {
  const clock = testClock();
  let app: TestApp;
  let tenant: TestTenant;
  let user: { id: string; email: string };
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { clock, config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
    user = await addConsoleUser(app.deps, tenant.id, 'developer');
  });

  describe('POST /dashboard/api/sign-in', () => {
    describe('with the right email and password', () => {
      it('sets an HttpOnly, SameSite=Lax session cookie without Secure on http and answers the user and a CSRF token', async () => {
        const client = new ConsoleClient(app.url);
        const res = await client.signIn(user.email.toUpperCase(), PASSWORD, tenant.id);
        expect(res.status).toBe(200);
        expect(res.body.data).toStrictEqual({
          user: { id: user.id, email: user.email, role: 'developer', status: 'active', created_at: expect.any(String), updated_at: expect.any(String) },
          stage: 'complete',
          csrf_token: expect.any(String),
        });
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pb_session='))!;
        expect(cookie).toMatch(/; HttpOnly/);
        expect(cookie).toMatch(/; SameSite=Lax/);
        expect(cookie).not.toMatch(/Secure/);
      });

      it('audits the sign-in with the user as actor', async () => {
        await signedIn(app.url, user.email, tenant.id);
        const rows = (await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.signed_in');
        expect(rows).toMatchObject([{ actor: `user:${user.id}`, source: 'console', targetId: user.id }]);
      });
    });

    describe('with a wrong password, an unknown email or a deactivated user', () => {
      it('answers the same 401 for each and audits each failure', async () => {
        const client = new ConsoleClient(app.url);
        expect((await client.signIn(user.email, 'wrong password!', tenant.id)).body).toStrictEqual(WRONG);
        expect((await client.signIn('nobody@example.test', PASSWORD, tenant.id)).body).toStrictEqual(WRONG);
        await deactivateUser(app.deps, TEST_ACTOR, tenant.id, user.id);
        const res = await client.signIn(user.email, PASSWORD, tenant.id);
        expect(res.status).toBe(401);
        expect(res.body).toStrictEqual(WRONG);
        expect(client.cookies.has('pb_session')).toBe(false);
        const failed = (await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.sign_in_failed');
        expect(failed.map((r) => [r.actor, r.targetId])).toStrictEqual([
          [`user:${user.id}`, user.id],
          ['anonymous', 'unknown'],
          [`user:${user.id}`, user.id],
        ]);
      });
    });
  });

  describe('GET /dashboard/api/session', () => {
    it('answers the user, tenant, environments, permissions and CSRF token', async () => {
      const client = await signedIn(app.url, user.email, tenant.id);
      const res = await client.request('GET', '/session');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        user: { id: user.id, role: 'developer' },
        tenant: { id: tenant.id, name: 'Test tenant' },
        environments: ['development'],
        csrf_token: client.csrf,
      });
      expect(res.body.data.permissions.tenant).toStrictEqual(['session.read', 'mfa.self']);
      expect(res.body.data.permissions.environments.development).toContain('api_keys.write');
    });

    it('answers 401 without a session cookie', async () => {
      const res = await new ConsoleClient(app.url).request('GET', '/session');
      expect(res.status).toBe(401);
      expect(res.body).toStrictEqual(SIGNED_OUT);
    });

    describe('after sign-out', () => {
      it('answers 401 even with the old cookie', async () => {
        const client = await signedIn(app.url, user.email, tenant.id);
        const cookie = client.cookies.get('pb_session')!;
        expect((await client.request('POST', '/sign-out')).status).toBe(200);
        client.cookies.set('pb_session', cookie);
        expect((await client.request('GET', '/session')).status).toBe(401);
      });
    });

    describe('when the user is deactivated', () => {
      it('ends their live session at once', async () => {
        const client = await signedIn(app.url, user.email, tenant.id);
        await deactivateUser(app.deps, TEST_ACTOR, tenant.id, user.id);
        expect((await client.request('GET', '/session')).body).toStrictEqual(SIGNED_OUT);
      });
    });

    describe('after the idle timeout', () => {
      it('answers 401 once the session has been unused for the idle timeout', async () => {
        const client = await signedIn(app.url, user.email, tenant.id);
        clock.advance(IDLE_TIMEOUT_MS - 1000);
        expect((await client.request('GET', '/session')).status).toBe(200);
        clock.advance(IDLE_TIMEOUT_MS);
        expect((await client.request('GET', '/session')).status).toBe(401);
      });
    });

    describe('after the absolute timeout', () => {
      it('answers 401 even for a session in constant use', async () => {
        const client = await signedIn(app.url, user.email, tenant.id);
        const step = IDLE_TIMEOUT_MS / 2;
        for (let elapsed = step; elapsed < ABSOLUTE_TIMEOUT_MS; elapsed += step) {
          clock.advance(step);
          expect((await client.request('GET', '/session')).status).toBe(200);
        }
        clock.advance(step);
        expect((await client.request('GET', '/session')).status).toBe(401);
      });
    });
  });
});

describe('console cookies when PUBLIC_URL is https', () => {
  it('marks the session cookie Secure and uses the __Host- prefix', async () => {
    const store = await sharedStore('pglite');
    const app = await startApp(store, { config: { publicUrl: 'https://plugboard.example', trustProxy: ['loopback'] } });
    try {
      const tenant = await createTestTenant(store);
      const user = await addConsoleUser(app.deps, tenant.id, 'admin');
      const res = await new ConsoleClient(app.url).signIn(user.email, PASSWORD, tenant.id);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-pb_session='))!;
      expect(cookie).toMatch(/; Path=\/; .*HttpOnly; Secure; SameSite=Lax/);
    } finally {
      await app.close();
    }
  });
});
