import { listAudit } from '../../../server/domain/audit.ts';
import { setOidcConfig } from '../../../server/domain/console/sso-config.ts';
import { setTenantFeatures } from '../../../server/domain/console/settings.ts';
import { deactivateUser, inviteUser } from '../../../server/domain/console/users.ts';
import { createTestTenant, errorEnvelope, startApp, TEST_ACTOR, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, ConsoleClient, PASSWORD, signedIn } from './console-client.ts';
import { CookieJar, IDP_CLIENT_ID, IDP_CLIENT_SECRET, ssoSignIn, TestIdp } from './oidc-idp.ts';

const refused = (message: string) => errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', 'Authentication invalid', message);

describe.each(STORE_NAMES)('console OIDC sign-in (%s)', (storeName) => {
  let app: TestApp;
  let idp: TestIdp;
  let tenant: TestTenant;
  let admin: { id: string; email: string };
  beforeAll(async () => {
    app = await startApp(await sharedStore(storeName), { config: { trustProxy: ['loopback'] } });
    idp = await TestIdp.start(`${app.url}/dashboard/api/sso/oidc/callback`);
  });
  afterAll(async () => {
    await idp.close();
    await app.close();
  });
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
    admin = await addConsoleUser(app.deps, tenant.id, 'admin');
    idp.tamper = null;
  });

  /** An admin sets OIDC up through the console API, as the Security page does. */
  async function configure(extra: Record<string, unknown> = {}): Promise<ConsoleClient> {
    const client = await signedIn(app.url, admin.email, tenant.id);
    const res = await client.request('PUT', '/sso/oidc', { issuer: idp.issuer, client_id: IDP_CLIENT_ID, client_secret: IDP_CLIENT_SECRET, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return client;
  }

  const auditActions = async () => (await listAudit(app.deps.db, tenant.id, 1000)).map((a) => a.action);
  const lastFailure = async () => (await listAudit(app.deps.db, tenant.id, 1000)).findLast((a) => a.action === 'console_user.sso_sign_in_failed');

  describe('PUT /dashboard/api/sso/oidc', () => {
    describe('by an admin', () => {
      it('stores the configuration with the secret sealed, shows the redirect URL and never the secret, and audits the change', async () => {
        const client = await configure();
        const res = await client.request('GET', '/sso');
        expect(res.body.data).toStrictEqual({
          protocol: 'oidc',
          enabled: true,
          issuer: idp.issuer,
          client_id: IDP_CLIENT_ID,
          client_secret_set: true,
          provision_role: null,
          enforce: false,
          break_glass_user_id: null,
          saml_entry_point: null,
          saml_idp_cert_set: false,
          saml_sp_entity_id: `${app.url}/dashboard/api/sso/saml/${tenant.id}/metadata`,
          redirect_url: `${app.url}/dashboard/api/sso/oidc/callback`,
          saml_metadata_url: `${app.url}/dashboard/api/sso/saml/${tenant.id}/metadata`,
          saml_acs_url: `${app.url}/dashboard/api/sso/saml/${tenant.id}/acs`,
        });
        const row = await app.deps.db.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
        expect(row.oidc_client_secret_ciphertext).not.toContain(IDP_CLIENT_SECRET);
        const audit = (await listAudit(app.deps.db, tenant.id, 1000)).find((a) => a.action === 'console_sso.changed')!;
        expect(audit.actor).toBe(`user:${admin.id}`);
        expect(JSON.stringify(audit)).not.toContain(IDP_CLIENT_SECRET);
      });
    });

    describe("when the tenant's plan has no SSO", () => {
      it('answers 400 and stores nothing', async () => {
        await setTenantFeatures(app.deps, TEST_ACTOR, tenant.id, { sso: false });
        const client = await signedIn(app.url, admin.email, tenant.id);
        const res = await client.request('PUT', '/sso/oidc', { issuer: idp.issuer, client_id: IDP_CLIENT_ID, client_secret: IDP_CLIENT_SECRET });
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', "This tenant's plan does not include SSO."));
        expect(await app.deps.db.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenant.id).execute()).toStrictEqual([]);
      });
    });

    describe('with a plain-http issuer that is not on this machine', () => {
      it('answers 400', async () => {
        const client = await signedIn(app.url, admin.email, tenant.id);
        const res = await client.request('PUT', '/sso/oidc', { issuer: 'http://idp.example.test', client_id: IDP_CLIENT_ID, client_secret: IDP_CLIENT_SECRET });
        expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'The issuer must be an https URL.'));
      });
    });
  });

  describe('GET /dashboard/api/sso/oidc/callback', () => {
    describe('for an active user', () => {
      it('creates a complete console session, redirects to the console and audits the SSO sign-in', async () => {
        await configure();
        const user = await addConsoleUser(app.deps, tenant.id, 'operator');
        idp.nextLogin = user.email;
        const jar = new CookieJar();
        const { res } = await ssoSignIn(jar, app.url, tenant.id);
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(`${app.url}/dashboard/`);
        expect(jar.cookies.has('pb_sso')).toBe(false);
        const session = await fetch(`${app.url}/dashboard/api/session`, { headers: { cookie: jar.header() } });
        const body = await session.json();
        expect(body.data.user).toMatchObject({ id: user.id, role: 'operator' });
        expect(body.data.stage).toBe('complete');
        const audit = (await listAudit(app.deps.db, tenant.id, 1000)).find((a) => a.action === 'console_user.signed_in' && a.targetId === user.id && (a.after as any)?.method === 'sso_oidc');
        expect(audit?.actor).toBe(`user:${user.id}`);
      });
    });

    describe('for an invited user', () => {
      it('accepts the invitation and signs them in', async () => {
        await configure();
        const { user } = await inviteUser(app.deps, TEST_ACTOR, { tenantId: tenant.id, email: 'invited@example.test', role: 'developer' });
        idp.nextLogin = 'Invited@Example.test';
        const { res } = await ssoSignIn(new CookieJar(), app.url, tenant.id);
        expect(res.status).toBe(302);
        const row = await app.deps.db.selectFrom('console_users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
        expect(row.status).toBe('active');
        expect(await auditActions()).toContain('console_user.invitation_accepted');
      });
    });

    describe('for an email no user has', () => {
      it('refuses with a clear message, creates no user and audits the failure', async () => {
        await configure();
        idp.nextLogin = 'stranger@example.test';
        const jar = new CookieJar();
        const { res } = await ssoSignIn(jar, app.url, tenant.id);
        expect(res.status).toBe(401);
        expect(await res.json()).toStrictEqual(refused('No active console user has this email: ask an admin to invite you.'));
        expect(jar.cookies.has('pb_session')).toBe(false);
        expect(await app.deps.db.selectFrom('console_users').selectAll().where('email', '=', 'stranger@example.test').execute()).toStrictEqual([]);
        expect((await lastFailure())?.after).toMatchObject({ method: 'sso_oidc', email: 'stranger@example.test' });
      });

      it('creates an active user with the default role when provisioning is on', async () => {
        await configure({ provision_role: 'operator' });
        idp.nextLogin = 'newcomer@example.test';
        const jar = new CookieJar();
        const { res } = await ssoSignIn(jar, app.url, tenant.id);
        expect(res.status).toBe(302);
        const row = await app.deps.db.selectFrom('console_users').selectAll().where('tenant_id', '=', tenant.id).where('email', '=', 'newcomer@example.test').executeTakeFirstOrThrow();
        expect(row).toMatchObject({ role: 'operator', status: 'active', password_hash: null });
        expect(await auditActions()).toContain('console_user.provisioned');
      });
    });

    describe('for a deactivated user', () => {
      it('refuses even with provisioning on', async () => {
        await configure({ provision_role: 'operator' });
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        await deactivateUser(app.deps, TEST_ACTOR, tenant.id, user.id);
        idp.nextLogin = user.email;
        const { res } = await ssoSignIn(new CookieJar(), app.url, tenant.id);
        expect(await res.json()).toStrictEqual(refused('No active console user has this email: ask an admin to invite you.'));
      });
    });

    describe('with an ID token the client must not trust', () => {
      const cases: [string, (claims: Record<string, unknown>, issuer: string) => Record<string, unknown>, string][] = [
        ['another audience', (c) => ({ ...c, aud: 'another-client' }), 'The ID token was issued for another client (wrong audience).'],
        ['another issuer', (c) => ({ ...c, iss: 'http://127.0.0.1:1/evil' }), 'The ID token comes from another issuer than the one configured.'],
        ['another nonce', (c) => ({ ...c, nonce: 'a-nonce-of-another-sign-in' }), 'The ID token does not belong to this sign-in (nonce mismatch).'],
      ];
      for (const [label, tamper, message] of cases) {
        it(`refuses ${label} with a clear message and audits it`, async () => {
          await configure();
          const user = await addConsoleUser(app.deps, tenant.id, 'developer');
          idp.nextLogin = user.email;
          idp.tamper = (claims) => tamper(claims, idp.issuer);
          const jar = new CookieJar();
          const { res } = await ssoSignIn(jar, app.url, tenant.id);
          expect(await res.json()).toStrictEqual(refused(message));
          expect(jar.cookies.has('pb_session')).toBe(false);
          expect((await lastFailure())?.after).toStrictEqual({ method: 'sso_oidc', reason: message });
        });
      }
    });

    describe('with a state that is not this sign-in’s', () => {
      it('refuses with a clear message and audits it', async () => {
        await configure();
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        idp.nextLogin = user.email;
        const { res } = await ssoSignIn(new CookieJar(), app.url, tenant.id, (url) => {
          url.searchParams.set('state', 'forged-state');
          return url;
        });
        const message = 'The sign-in response does not belong to this sign-in (state mismatch).';
        expect(await res.json()).toStrictEqual(refused(message));
        expect((await lastFailure())?.after).toStrictEqual({ method: 'sso_oidc', reason: message });
      });
    });

    describe('from another browser than the one that started the sign-in', () => {
      it('refuses: the attempt is bound to the starting browser by its cookie', async () => {
        await configure();
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        idp.nextLogin = user.email;
        let captured: URL | undefined;
        // The starting browser never comes back; its callback link is followed by another browser.
        await ssoSignIn(new CookieJar(), app.url, tenant.id, (url) => {
          captured = url;
          return new URL(`${app.url}/dashboard/api/sso/status`);
        });
        const other = new CookieJar();
        const res = await other.get(captured!.href);
        expect(await res.json()).toStrictEqual(refused('This sign-in attempt is unknown, expired or already used: start again with "Sign in with SSO".'));
        expect(other.cookies.has('pb_session')).toBe(false);
      });
    });

    describe('with a client secret the IdP does not accept', () => {
      it('refuses with the IdP\'s error and audits it', async () => {
        await configure({ client_secret: 'not-the-secret' });
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        idp.nextLogin = user.email;
        const { res } = await ssoSignIn(new CookieJar(), app.url, tenant.id);
        const message = 'The identity provider refused the code exchange (invalid_client).';
        expect(await res.json()).toStrictEqual(refused(message));
        expect((await lastFailure())?.after).toStrictEqual({ method: 'sso_oidc', reason: message });
      });
    });

    describe("when the tenant's plan loses SSO", () => {
      it('no longer starts sign-ins, and password enforcement lapses with it', async () => {
        await configure({ enforce: true, break_glass_user_id: admin.id });
        await setTenantFeatures(app.deps, TEST_ACTOR, tenant.id, { sso: false });
        const start = await fetch(`${app.url}/dashboard/api/sso/oidc/start?tenant=${tenant.id}`, { redirect: 'manual' });
        expect(await start.json()).toStrictEqual(refused('SSO is not set up for this tenant.'));
        const developer = await addConsoleUser(app.deps, tenant.id, 'developer');
        expect((await new ConsoleClient(app.url).signIn(developer.email, PASSWORD, tenant.id)).status).toBe(200);
      });
    });

    describe('refused in a browser (asking for HTML)', () => {
      it('sends it back to the sign-in screen with the reason', async () => {
        const res = await fetch(`${app.url}/dashboard/api/sso/oidc/callback?code=x&state=y`, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
        expect(res.status).toBe(303);
        const location = new URL(res.headers.get('location')!);
        expect(location.pathname).toBe('/dashboard/');
        // A fixed word, never text a crafted link could choose.
        expect(location.searchParams.get('sso_error')).toBe('expired');
      });
    });

    describe('replayed', () => {
      it('refuses a second use of the same attempt and code', async () => {
        await configure();
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        idp.nextLogin = user.email;
        const jar = new CookieJar();
        let attemptCookie: string | undefined;
        const { res, callbackUrl } = await ssoSignIn(jar, app.url, tenant.id, (url) => {
          attemptCookie = jar.cookies.get('pb_sso');
          return url;
        });
        expect(res.status).toBe(302);
        const replay = new CookieJar();
        replay.cookies.set('pb_sso', attemptCookie!);
        const again = await replay.get(callbackUrl.href);
        const message = 'This sign-in attempt is unknown, expired or already used: start again with "Sign in with SSO".';
        expect(await again.json()).toStrictEqual(refused(message));
        expect((await lastFailure())?.after).toStrictEqual({ method: 'sso_oidc', reason: message });
      });
    });
  });

  describe('POST /dashboard/api/sign-in while SSO is enforced', () => {
    it('refuses passwords for everyone but the break-glass admin', async () => {
      await configure({ enforce: true, break_glass_user_id: admin.id });
      const developer = await addConsoleUser(app.deps, tenant.id, 'developer');
      const denied = await new ConsoleClient(app.url).signIn(developer.email, PASSWORD, tenant.id);
      expect(denied.body).toStrictEqual(refused('This organisation signs in with SSO: use "Sign in with SSO".'));
      const unknown = await new ConsoleClient(app.url).signIn('nobody@example.test', PASSWORD, tenant.id);
      expect(unknown.body).toStrictEqual(denied.body);
      const breakGlass = await new ConsoleClient(app.url).signIn(admin.email, PASSWORD, tenant.id);
      expect(breakGlass.status).toBe(200);
    });

    it('needs an active admin as break-glass account', async () => {
      const developer = await addConsoleUser(app.deps, tenant.id, 'developer');
      await expect(setOidcConfig(app.deps, TEST_ACTOR, tenant.id, { issuer: idp.issuer, clientId: IDP_CLIENT_ID, clientSecret: IDP_CLIENT_SECRET, enforce: true })).rejects.toThrow(
        'Enforcing SSO needs a break-glass admin who may still sign in with a password.',
      );
      await expect(
        setOidcConfig(app.deps, TEST_ACTOR, tenant.id, { issuer: idp.issuer, clientId: IDP_CLIENT_ID, clientSecret: IDP_CLIENT_SECRET, enforce: true, breakGlassUserId: developer.id }),
      ).rejects.toThrow('The break-glass account must be an active admin of this tenant.');
    });

    it('lets passwords back in once SSO is disabled', async () => {
      const client = await configure({ enforce: true, break_glass_user_id: admin.id });
      const developer = await addConsoleUser(app.deps, tenant.id, 'developer');
      expect((await client.request('DELETE', '/sso')).status).toBe(200);
      expect((await new ConsoleClient(app.url).signIn(developer.email, PASSWORD, tenant.id)).status).toBe(200);
      expect(await auditActions()).toContain('console_sso.disabled');
    });
  });

  describe('GET /dashboard/api/sso/status', () => {
    it('tells the sign-in screen whether to offer SSO', async () => {
      const status = async () => (await (await fetch(`${app.url}/dashboard/api/sso/status?tenant=${tenant.id}`)).json()).data;
      expect(await status()).toStrictEqual({ sso: false, protocol: null, enforced: false });
      await configure();
      expect(await status()).toStrictEqual({ sso: true, protocol: 'oidc', enforced: false });
    });
  });
});
