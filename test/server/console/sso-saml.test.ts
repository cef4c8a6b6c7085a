import { listAudit } from '../../../server/domain/audit.ts';
import { createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { addConsoleUser, signedIn } from './console-client.ts';
import { CookieJar } from './oidc-idp.ts';
import { authnRequestId, IDP_ENTRY_POINT, idpKeys, type ResponseOptions, samlResponse } from './saml-idp.ts';

const refused = (message: string) => errorEnvelope('PLATFORM.AUTHENTICATION_INVALID', 'Authentication invalid', message);
const NOT_SIGNED = 'The SAML response is not signed by the configured identity provider (a signed response or assertion is required).';

describe.each(STORE_NAMES)('console SAML sign-in (%s)', (storeName) => {
  const keys = idpKeys();
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
    const client = await signedIn(app.url, admin.email, tenant.id);
    const res = await client.request('PUT', '/sso/saml', { entry_point: IDP_ENTRY_POINT, idp_cert: keys.publicKey });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  const acsUrl = () => `${app.url}/dashboard/api/sso/saml/${tenant.id}/acs`;
  const spEntityId = () => `${app.url}/dashboard/api/sso/saml/${tenant.id}/metadata`;

  /** Starts a sign-in as a browser would and answers the AuthnRequest ID the IdP must answer to. */
  async function start(jar = new CookieJar()): Promise<string> {
    const res = await jar.get(`${app.url}/dashboard/api/sso/saml/start?tenant=${tenant.id}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')!.startsWith(`${IDP_ENTRY_POINT}?SAMLRequest=`)).toBe(true);
    return authnRequestId(res.headers.get('location')!);
  }

  /** The IdP's form POST to the ACS. */
  const post = (jar: CookieJar, SAMLResponse: string) =>
    fetch(acsUrl(), { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ SAMLResponse }) }).then((res) => {
      jar.take(res);
      return res;
    });

  const respond = (requestId: string, email: string, extra: Partial<ResponseOptions> = {}) =>
    samlResponse({ inResponseTo: requestId, acsUrl: acsUrl(), audience: spEntityId(), email, privateKey: keys.privateKey, sign: 'assertion', ...extra });

  const lastFailure = async () => (await listAudit(app.deps.db, tenant.id, 1000)).findLast((a) => a.action === 'console_user.sso_sign_in_failed');

  describe('GET /dashboard/api/sso/saml/{tenant}/metadata', () => {
    it('serves the SP metadata with the entity ID and the ACS URL', async () => {
      const res = await fetch(spEntityId());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/samlmetadata\+xml/);
      const xml = await res.text();
      expect(xml).toContain(`entityID="${spEntityId()}"`);
      expect(xml).toContain(`Location="${acsUrl()}"`);
    });
  });

  describe('GET /dashboard/api/sso', () => {
    it('shows the ACS and metadata URLs for copying', async () => {
      const client = await signedIn(app.url, admin.email, tenant.id);
      const res = await client.request('GET', '/sso');
      expect(res.body.data).toMatchObject({ protocol: 'saml', enabled: true, saml_entry_point: IDP_ENTRY_POINT, saml_idp_cert_set: true, saml_acs_url: acsUrl(), saml_metadata_url: spEntityId() });
    });
  });

  describe('POST /dashboard/api/sso/saml/{tenant}/acs', () => {
    for (const sign of ['assertion', 'response'] as const) {
      describe(`with a ${sign} signed by the IdP`, () => {
        it('creates a complete console session, redirects to the console and audits the SAML sign-in', async () => {
          const user = await addConsoleUser(app.deps, tenant.id, 'developer');
          const jar = new CookieJar();
          const res = await post(jar, respond(await start(jar), user.email.toUpperCase(), { sign }));
          expect(res.status, await res.clone().text()).toBe(303);
          expect(res.headers.get('location')).toBe(`${app.url}/dashboard/`);
          const session = await (await fetch(`${app.url}/dashboard/api/session`, { headers: { cookie: jar.header() } })).json();
          expect(session.data).toMatchObject({ user: { id: user.id }, stage: 'complete' });
          const audit = (await listAudit(app.deps.db, tenant.id, 1000)).findLast((a) => a.action === 'console_user.signed_in');
          expect(audit).toMatchObject({ actor: `user:${user.id}`, after: { method: 'sso_saml' } });
        });
      });
    }

    describe('with an unsigned response', () => {
      it('refuses it and audits the failure', async () => {
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        const jar = new CookieJar();
        const res = await post(jar, respond(await start(), user.email, { sign: 'none' }));
        expect(await res.json()).toStrictEqual(refused(NOT_SIGNED));
        expect(jar.cookies.has('pb_session')).toBe(false);
        expect((await lastFailure())?.after).toStrictEqual({ method: 'sso_saml', reason: NOT_SIGNED });
      });
    });

    describe('with a signed assertion changed afterwards', () => {
      it('refuses it: the admin becomes nobody by editing the NameID', async () => {
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        const res = await post(new CookieJar(), respond(await start(), user.email, { tamper: (xml) => xml.replaceAll(user.email, admin.email) }));
        expect(await res.json()).toStrictEqual(refused(NOT_SIGNED));
        expect((await lastFailure())?.after).toStrictEqual({ method: 'sso_saml', reason: NOT_SIGNED });
      });
    });

    describe('signed by another key', () => {
      it('refuses it', async () => {
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        const res = await post(new CookieJar(), respond(await start(), user.email, { privateKey: idpKeys().privateKey }));
        expect(await res.json()).toStrictEqual(refused(NOT_SIGNED));
      });
    });

    describe('for another audience', () => {
      it('refuses it', async () => {
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        const res = await post(new CookieJar(), respond(await start(), user.email, { audience: 'https://another-sp.example' }));
        const message = 'The SAML assertion is meant for another service provider (wrong audience).';
        expect(await res.json()).toStrictEqual(refused(message));
        expect((await lastFailure())?.after).toStrictEqual({ method: 'sso_saml', reason: message });
      });
    });

    describe('answering no request of ours, or replayed', () => {
      const message = 'The SAML response does not answer a sign-in started here, or was already used.';
      it('refuses an unknown InResponseTo', async () => {
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        const res = await post(new CookieJar(), respond('_an-idp-initiated-or-foreign-request', user.email));
        expect(await res.json()).toStrictEqual(refused(message));
      });

      it('refuses the same response a second time', async () => {
        const user = await addConsoleUser(app.deps, tenant.id, 'developer');
        const response = respond(await start(), user.email);
        expect((await post(new CookieJar(), response)).status).toBe(303);
        const again = await post(new CookieJar(), response);
        expect(await again.json()).toStrictEqual(refused(message));
      });
    });

    describe('for an email no user has', () => {
      it('refuses it', async () => {
        const res = await post(new CookieJar(), respond(await start(), 'stranger@example.test'));
        expect(await res.json()).toStrictEqual(refused('No active console user has this email: ask an admin to invite you.'));
      });
    });
  });
});
