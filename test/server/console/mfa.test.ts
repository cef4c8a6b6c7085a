import { Secret, TOTP } from 'otpauth';
import { listAudit } from '../../../server/domain/audit.ts';
import { setTenantFeatures } from '../../../server/domain/console/settings.ts';
import { createTestTenant, errorEnvelope, startApp, TEST_ACTOR, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, type ConsoleClient, PASSWORD, signedIn } from './console-client.ts';

const WRONG_CODE = errorEnvelope(
  'PLATFORM.AUTHENTICATION_INVALID',
  'Authentication invalid',
  'The code is wrong or was already used. Enter the current code from your authenticator app, or a recovery code.',
);
const MFA_FIRST = errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', 'Authentication invalid', 'Finish signing in first: MFA is required.');

describe.each(STORE_NAMES)('console MFA (%s)', (storeName) => {
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
    user = await addConsoleUser(app.deps, tenant.id, 'admin');
    clock.advance(60_000);
  });

  /** The code an authenticator app shows now for `secret`. */
  const codeFor = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock().getTime() });

  /** Enrols `client`'s user; answers the secret and recovery codes. */
  async function enrol(client: ConsoleClient): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await client.request('POST', '/mfa/enrolment');
    const secret: string = started.body.data.secret;
    const confirmed = await client.request('POST', '/mfa/enrolment/confirm', { code: codeFor(secret) });
    expect(confirmed.status).toBe(200);
    clock.advance(30_000);
    return { secret, recoveryCodes: confirmed.body.data.recovery_codes };
  }

  describe('POST /dashboard/api/mfa/enrolment', () => {
    it('answers the otpauth:// URL, the secret as text and a QR code as SVG', async () => {
      const client = await signedIn(app.url, user.email, tenant.id);
      const res = await client.request('POST', '/mfa/enrolment');
      const { otpauth_url, secret, qr_svg } = res.body.data;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(otpauth_url).toBe(`otpauth://totp/Plugboard:${encodeURIComponent(user.email)}?issuer=Plugboard&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
      expect(qr_svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    });
  });

  describe('POST /dashboard/api/mfa/enrolment/confirm', () => {
    it('turns MFA on with ten distinct recovery codes and audits it', async () => {
      const client = await signedIn(app.url, user.email, tenant.id);
      const { recoveryCodes } = await enrol(client);
      expect(new Set(recoveryCodes).size).toBe(10);
      expect((await client.request('GET', '/session')).body.data.mfa_enrolled).toBe(true);
      const audit = (await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.mfa_enrolled');
      expect(audit).toMatchObject([{ actor: `user:${user.id}`, targetId: user.id }]);
    });

    it('answers 400 for a wrong code and leaves MFA off', async () => {
      const client = await signedIn(app.url, user.email, tenant.id);
      await client.request('POST', '/mfa/enrolment');
      const res = await client.request('POST', '/mfa/enrolment/confirm', { code: '000000' });
      expect(res.status).toBe(400);
      expect((await client.request('GET', '/session')).body.data.mfa_enrolled).toBe(false);
    });
  });

  describe('signing in once enrolled', () => {
    let secret: string;
    let recoveryCodes: string[];
    beforeEach(async () => {
      ({ secret, recoveryCodes } = await enrol(await signedIn(app.url, user.email, tenant.id)));
    });

    it('asks for a code after the password and reaches nothing else until it is given', async () => {
      const client = await signedIn(app.url, user.email, tenant.id);
      expect((await client.request('GET', '/session')).body.data.stage).toBe('mfa_required');
      expect((await client.request('GET', '/users')).body).toStrictEqual(MFA_FIRST);
      const before = client.cookies.get('pb_session');
      const res = await client.request('POST', '/mfa/challenge', { code: codeFor(secret) });
      expect(res.body.data.stage).toBe('complete');
      client.csrf = res.body.data.csrf_token;
      expect(client.cookies.get('pb_session')).not.toBe(before);
      expect((await client.request('GET', '/users')).status).toBe(200);
    });

    it('refuses a code that was already accepted (replay) and audits the failure', async () => {
      const code = codeFor(secret);
      const first = await signedIn(app.url, user.email, tenant.id);
      expect((await first.request('POST', '/mfa/challenge', { code })).status).toBe(200);
      const second = await signedIn(app.url, user.email, tenant.id);
      const res = await second.request('POST', '/mfa/challenge', { code });
      expect(res.status).toBe(401);
      expect(res.body).toStrictEqual(WRONG_CODE);
      expect((await second.request('GET', '/session')).body.data.stage).toBe('mfa_required');
      expect((await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.mfa_failed')).toHaveLength(1);
    });

    it('accepts a recovery code once', async () => {
      const first = await signedIn(app.url, user.email, tenant.id);
      expect((await first.request('POST', '/mfa/challenge', { recovery_code: recoveryCodes[3]!.toLowerCase() })).status).toBe(200);
      const second = await signedIn(app.url, user.email, tenant.id);
      expect((await second.request('POST', '/mfa/challenge', { recovery_code: recoveryCodes[3] })).body).toStrictEqual(WRONG_CODE);
      const signedInWith = (await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.signed_in').map((r) => r.after);
      expect(signedInWith.at(-1)).toStrictEqual({ method: 'password+recovery_code' });
    });

    it('counts wrong codes against the account throttle', async () => {
      const client = await signedIn(app.url, user.email, tenant.id);
      for (let i = 0; i < 5; i++) expect((await client.request('POST', '/mfa/challenge', { code: '000000' })).status).toBe(401);
      expect((await client.request('POST', '/mfa/challenge', { code: codeFor(secret) })).status).toBe(429);
    });

    describe('after an admin resets their MFA', () => {
      it('signs in with the password alone', async () => {
        const other = await addConsoleUser(app.deps, tenant.id, 'admin');
        const admin = await signedIn(app.url, other.email, tenant.id);
        expect((await admin.request('POST', `/users/${user.id}/mfa-reset`)).status).toBe(200);
        expect((await (await signedIn(app.url, user.email, tenant.id)).request('GET', '/session')).body.data.stage).toBe('complete');
        expect((await listAudit(app.deps.db, tenant.id)).filter((r) => r.action === 'console_user.mfa_reset')).toMatchObject([{ actor: `user:${other.id}` }]);
      });
    });
  });

  describe('when the plan does not include MFA enforcement', () => {
    it('refuses to turn "require MFA" on, and taking the feature away turns it off', async () => {
      const admin = await signedIn(app.url, user.email, tenant.id);
      await admin.request('PATCH', '/security', { require_mfa: true });
      await setTenantFeatures(app.deps, TEST_ACTOR, tenant.id, { mfaEnforcement: false });
      expect((await admin.request('GET', '/security')).body.data).toStrictEqual({ require_mfa: false, features: { sso: true, mfa_enforcement: false } });
      const res = await admin.request('PATCH', '/security', { require_mfa: true });
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', "This tenant's plan does not include MFA enforcement."));
    });
  });

  describe('with the tenant setting "require MFA"', () => {
    it('makes a user without MFA enrol at their next sign-in before reaching anything else', async () => {
      const admin = await signedIn(app.url, user.email, tenant.id);
      expect((await admin.request('PATCH', '/security', { require_mfa: true })).body.data).toStrictEqual({ require_mfa: true, features: { sso: true, mfa_enforcement: true } });
      const operator = await addConsoleUser(app.deps, tenant.id, 'operator');
      const client = await signedIn(app.url, operator.email, tenant.id);
      expect((await client.request('GET', '/session')).body.data.stage).toBe('mfa_enrolment_required');
      expect((await client.request('GET', '/environments/production/integrations')).body).toStrictEqual(MFA_FIRST);
      const started = await client.request('POST', '/mfa/enrolment');
      const confirmed = await client.request('POST', '/mfa/enrolment/confirm', { code: codeFor(started.body.data.secret) });
      client.csrf = confirmed.body.data.csrf_token;
      expect((await client.request('GET', '/environments/production/integrations')).status).toBe(200);
    });
  });
});
