import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT, THROTTLE_WINDOW_MS } from '../../../server/domain/console/throttle.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, ConsoleClient, PASSWORD } from './console-client.ts';

describe.each(STORE_NAMES)('POST /dashboard/api/sign-in throttling (%s)', (storeName) => {
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
    user = await addConsoleUser(app.deps, tenant.id, 'operator');
  });

  describe('after too many failures for one account', () => {
    it('answers 429 with Retry-After even for the right password, from any address, until the window ends', async () => {
      for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
        expect((await new ConsoleClient(app.url).signIn(user.email, `wrong password ${i}`, tenant.id)).status).toBe(401);
      }
      const res = await new ConsoleClient(app.url).signIn(user.email, PASSWORD, tenant.id);
      expect(res.status).toBe(429);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', 'Too many failed sign-ins. Try again in 15 minutes.'));
      expect(res.headers.get('retry-after')).toBe(String(THROTTLE_WINDOW_MS / 1000));

      clock.advance(THROTTLE_WINDOW_MS);
      expect((await new ConsoleClient(app.url).signIn(user.email, PASSWORD, tenant.id)).status).toBe(200);
    });
  });

  describe('after too many failures from one address', () => {
    it('answers 429 for every account from that address, but not from another', async () => {
      const attacker = new ConsoleClient(app.url);
      for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
        expect((await attacker.signIn(`guess-${i}@example.test`, 'wrong password!', tenant.id)).status).toBe(401);
      }
      expect((await attacker.signIn(user.email, PASSWORD, tenant.id)).status).toBe(429);
      expect((await new ConsoleClient(app.url).signIn(user.email, PASSWORD, tenant.id)).status).toBe(200);
    });
  });

  describe('after a successful sign-in', () => {
    it("clears the account's failures", async () => {
      for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await new ConsoleClient(app.url).signIn(user.email, 'wrong password!', tenant.id);
      expect((await new ConsoleClient(app.url).signIn(user.email, PASSWORD, tenant.id)).status).toBe(200);
      await new ConsoleClient(app.url).signIn(user.email, 'wrong password!', tenant.id);
      expect((await new ConsoleClient(app.url).signIn(user.email, PASSWORD, tenant.id)).status).toBe(200);
    });
  });
});
