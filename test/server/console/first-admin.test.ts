import { consoleLink } from '../../../server/domain/console/tokens.ts';
import { ensureFirstAdminInvitation, listUsers } from '../../../server/domain/console/users.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, ConsoleClient, PASSWORD } from './console-client.ts';

describe.each(STORE_NAMES)('the first admin invitation printed by npm start (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
  });

  async function setPassword(token: string, body: Record<string, string>) {
    const client = new ConsoleClient(app.url);
    await client.prepare();
    return client.request('POST', '/set-password', { token, password: PASSWORD, ...body });
  }

  describe('on a tenant without users', () => {
    it('invites an admin who chooses their email when accepting, then signs in', async () => {
      const token = (await ensureFirstAdminInvitation(app.deps, tenant.id))!;
      expect(consoleLink(app.url, 'invitation', token)).toMatch(/\/dashboard\/accept-invitation#token=/);
      const missing = await setPassword(token, {});
      expect(missing.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Choose the email you will sign in with: email is required for this invitation.'));
      expect((await setPassword(token, { email: 'Owner@Example.test' })).status).toBe(200);
      const res = await new ConsoleClient(app.url).signIn('owner@example.test', PASSWORD, tenant.id);
      expect(res.body.data.user).toMatchObject({ email: 'owner@example.test', role: 'admin', status: 'active' });
    });

    it('replaces the previous link on each start', async () => {
      const first = (await ensureFirstAdminInvitation(app.deps, tenant.id))!;
      const second = (await ensureFirstAdminInvitation(app.deps, tenant.id))!;
      expect((await setPassword(first, { email: 'a@example.test' })).status).toBe(404);
      expect((await setPassword(second, { email: 'a@example.test' })).status).toBe(200);
      expect(await listUsers(app.deps.db, tenant.id)).toHaveLength(1);
    });
  });

  describe('once a user is active', () => {
    it('issues no link, and a first-admin link issued earlier stops working', async () => {
      const early = (await ensureFirstAdminInvitation(app.deps, tenant.id))!;
      await addConsoleUser(app.deps, tenant.id, 'admin');
      expect(await ensureFirstAdminInvitation(app.deps, tenant.id)).toBeNull();
      expect((await setPassword(early, { email: 'second@example.test' })).body).toStrictEqual(
        errorEnvelope('CONSOLE.TOKEN_INVALID', 'Link invalid', 'This link is not valid. Ask an admin for a new one.'),
      );
    });
  });
});
