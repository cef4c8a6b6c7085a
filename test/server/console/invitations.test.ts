import { listAudit } from '../../../server/domain/audit.ts';
import { INVITATION_TTL_MS } from '../../../server/domain/console/tokens.ts';
import { listUsers } from '../../../server/domain/console/users.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, ConsoleClient, PASSWORD, signedIn } from './console-client.ts';

const NEW_PASSWORD = 'a new long passphrase';
const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');

describe.each(STORE_NAMES)('console invitations and password resets (%s)', (storeName) => {
  const clock = testClock();
  let app: TestApp;
  let tenant: TestTenant;
  let admin: ConsoleClient;
  let adminUser: { id: string; email: string };
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { clock, config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
    adminUser = await addConsoleUser(app.deps, tenant.id, 'admin');
    admin = await signedIn(app.url, adminUser.email, tenant.id);
  });

  async function invite(email: string, role = 'developer'): Promise<string> {
    const res = await admin.request('POST', '/users', { email, role });
    expect(res.status).toBe(200);
    return res.body.data.invitation_link;
  }

  async function setPassword(token: string, password: string) {
    const client = new ConsoleClient(app.url);
    await client.prepare();
    return client.request('POST', '/set-password', { token, password });
  }

  describe('POST /dashboard/api/users', () => {
    it('answers an invitation link to /dashboard/accept-invitation with the token in the fragment, and audits it with the admin as actor', async () => {
      const link = await invite('Dev@Example.test');
      expect(link).toMatch(new RegExp(`^${app.url}/dashboard/accept-invitation#token=[0-9A-Za-z]{43}$`));
      const users = await listUsers(app.deps.db, tenant.id);
      expect(users.map((u) => [u.email, u.role, u.status])).toContainEqual(['dev@example.test', 'developer', 'invited']);
      const audit = (await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.invited' && r.actor === `user:${adminUser.id}`);
      expect(audit).toHaveLength(1);
    });

    it('answers 409 CONSOLE.USER_EXISTS for an active user', async () => {
      const res = await admin.request('POST', '/users', { email: adminUser.email, role: 'operator' });
      expect(res.status).toBe(409);
      expect(res.body).toStrictEqual(errorEnvelope('CONSOLE.USER_EXISTS', 'User exists', 'A user with this email already exists (active).'));
    });

    it('answers 400 naming a bad role', async () => {
      const res = await admin.request('POST', '/users', { email: 'x@example.test', role: 'owner' });
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid request body: role must be one of "admin", "developer", "operator" (got "owner").'));
    });
  });

  describe('POST /dashboard/api/set-password with an invitation token', () => {
    describe('with a password of at least 12 characters', () => {
      it('activates the user, who can then sign in', async () => {
        const link = await invite('dev@example.test');
        const res = await setPassword(tokenOf(link), NEW_PASSWORD);
        expect(res.body).toStrictEqual({ status: 'success', data: { purpose: 'invitation', email: 'dev@example.test' } });
        expect((await new ConsoleClient(app.url).signIn('dev@example.test', NEW_PASSWORD, tenant.id)).status).toBe(200);
      });
    });

    describe('with a short password', () => {
      it('answers 400 and leaves the invitation usable', async () => {
        const token = tokenOf(await invite('dev@example.test'));
        const res = await setPassword(token, 'short pw 11');
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'The password must have at least 12 characters.'));
        expect((await setPassword(token, NEW_PASSWORD)).status).toBe(200);
      });
    });

    describe('used a second time', () => {
      it('answers 410 CONSOLE.TOKEN_USED and keeps the first password', async () => {
        const token = tokenOf(await invite('dev@example.test'));
        await setPassword(token, NEW_PASSWORD);
        const res = await setPassword(token, 'an attacker password');
        expect(res.status).toBe(410);
        expect(res.body).toStrictEqual(errorEnvelope('CONSOLE.TOKEN_USED', 'Link already used', 'This link has already been used. Ask an admin for a new one.'));
        expect((await new ConsoleClient(app.url).signIn('dev@example.test', NEW_PASSWORD, tenant.id)).status).toBe(200);
      });
    });

    describe('after 7 days', () => {
      it('answers 410 CONSOLE.TOKEN_EXPIRED and leaves the user invited', async () => {
        const token = tokenOf(await invite('dev@example.test'));
        clock.advance(INVITATION_TTL_MS);
        const res = await setPassword(token, NEW_PASSWORD);
        expect(res.body).toStrictEqual(errorEnvelope('CONSOLE.TOKEN_EXPIRED', 'Link expired', 'This link has expired. Ask an admin for a new one.'));
        const users = await listUsers(app.deps.db, tenant.id);
        expect(users.find((u) => u.email === 'dev@example.test')!.status).toBe('invited');
      });
    });

    describe('replaced by a newer invitation', () => {
      it('answers 404 CONSOLE.TOKEN_INVALID for the older link', async () => {
        const older = tokenOf(await invite('dev@example.test'));
        const newer = tokenOf(await invite('dev@example.test', 'operator'));
        expect((await setPassword(older, NEW_PASSWORD)).body).toStrictEqual(errorEnvelope('CONSOLE.TOKEN_INVALID', 'Link invalid', 'This link is not valid. Ask an admin for a new one.'));
        expect((await setPassword(newer, NEW_PASSWORD)).status).toBe(200);
      });
    });

    describe('with an unknown token', () => {
      it('answers 404 CONSOLE.TOKEN_INVALID', async () => {
        expect((await setPassword('A'.repeat(43), NEW_PASSWORD)).status).toBe(404);
      });
    });
  });

  describe('POST /dashboard/api/users/:id/password-reset', () => {
    it('answers a reset link that sets a new password and ends the user\'s sessions', async () => {
      const user = await addConsoleUser(app.deps, tenant.id, 'operator');
      const session = await signedIn(app.url, user.email, tenant.id);
      const res = await admin.request('POST', `/users/${user.id}/password-reset`);
      const link: string = res.body.data.password_reset_link;
      expect(link).toMatch(/\/dashboard\/reset-password#token=/);
      expect((await setPassword(tokenOf(link), NEW_PASSWORD)).body.data).toStrictEqual({ purpose: 'password_reset', email: user.email });
      expect((await session.request('GET', '/session')).status).toBe(401);
      expect((await new ConsoleClient(app.url).signIn(user.email, PASSWORD, tenant.id)).status).toBe(401);
      expect((await new ConsoleClient(app.url).signIn(user.email, NEW_PASSWORD, tenant.id)).status).toBe(200);
    });
  });
});
