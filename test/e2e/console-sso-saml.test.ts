import type { Browser, BrowserContext, Page } from 'playwright-core';
import { listAudit } from '../../server/domain/audit.ts';
import { samlAcsUrl, samlMetadataUrl } from '../../server/domain/console/saml.ts';
import { ensureDefaultTenant } from '../../server/domain/tenants.ts';
import { ensureWidgetBuilt } from '../../server/widget-build.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { sharedStore } from '../helpers/stores.ts';
import { addConsoleUser, signedIn } from '../server/console/console-client.ts';
import { TestSamlIdp } from '../server/console/saml-idp-server.ts';

const NOT_SIGNED = 'The SAML response is not signed by the configured identity provider (a signed response or assertion is required).';

describeInChromium('console SAML sign-in in Chromium', () => {
  let app: TestApp;
  let idp: TestSamlIdp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tenantId: string;
  let admin: { id: string; email: string };

  beforeAll(async () => {
    await ensureWidgetBuilt();
    const store = await sharedStore('pglite');
    // "Sign in with SSO" on the sign-in screen starts a sign-in for the default tenant.
    tenantId = (await ensureDefaultTenant(store.db)).id;
    [app, browser] = await Promise.all([startApp(store), launchChromium()]);
    idp = await TestSamlIdp.start({ entityId: samlMetadataUrl(app.url, tenantId), acsUrl: samlAcsUrl(app.url, tenantId) });
    admin = await addConsoleUser(app.deps, tenantId, 'admin');
    const client = await signedIn(app.url, admin.email, tenantId);
    const res = await client.request('PUT', '/sso/saml', { entry_point: idp.entryPoint, idp_cert: idp.publicKey });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    idp.tamper = null;
    await context.close();
  });

  const audit = async (action: string) => (await listAudit(app.deps.db, tenantId, 1000)).findLast((a) => a.action === action);

  /** From the sign-in screen through the IdP's page (one AuthnRequest answered) and its form POST back to the ACS. */
  async function signInWithSso(): Promise<void> {
    const before = idp.answered.length;
    await page.goto(`${app.url}/dashboard/`);
    const acsPost = page.waitForRequest((r) => r.method() === 'POST' && r.url() === samlAcsUrl(app.url, tenantId));
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    // The IdP's page posted its form: from there the browser goes back to the console.
    expect(new URL((await acsPost).headers().referer ?? '').origin).toBe(new URL(idp.entryPoint).origin);
    await page.waitForURL((url) => url.origin === app.url && url.pathname === '/dashboard/');
    expect(idp.answered.length).toBe(before + 1);
  }

  describe('"Sign in with SSO" on the sign-in screen, with the tenant on SAML', () => {
    it('signs an active user in at the IdP, through the ACS, and lands in the console with the user in the sidebar', async () => {
      const user = await addConsoleUser(app.deps, tenantId, 'operator');
      idp.nextLogin = user.email;
      await signInWithSso();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(page.url()).toBe(`${app.url}/dashboard/`);
      expect(await page.locator('aside.sidebar .me').textContent()).toBe(`${user.email} operator`);
      expect(await audit('console_user.signed_in')).toMatchObject({ actor: `user:${user.id}`, after: { method: 'sso_saml' } });
    }, 60_000);

    describe('for an email no user has', () => {
      it('stays on the sign-in screen and says an admin must invite the user', async () => {
        idp.nextLogin = 'stranger@example.test';
        await signInWithSso();
        await page.getByRole('alert').waitFor();
        expect(await page.getByRole('alert').textContent()).toBe('Single sign-on failed: No active console user has your email: ask an admin to invite you.');
        expect((await context.cookies(app.url)).map((c) => c.name)).not.toContain('pb_session');
      }, 60_000);
    });

    describe('when the response was changed after the IdP signed it', () => {
      it("stays on the sign-in screen with the console's failure text, signed in as nobody", async () => {
        const user = await addConsoleUser(app.deps, tenantId, 'developer');
        idp.nextLogin = user.email;
        // The attack a signature must stop: the NameID rewritten to the admin's email.
        idp.tamper = (xml) => xml.replaceAll(user.email, admin.email);
        await signInWithSso();
        await page.getByRole('alert').waitFor();
        expect(await page.getByRole('alert').textContent()).toBe(
          "Single sign-on failed: Your identity provider's answer could not be verified: try again, or ask an admin (the audit log has the reason).",
        );
        expect(new URL(page.url()).searchParams.get('sso_error')).toBe('failed');
        expect(await page.getByRole('heading', { name: 'Sign in to Plugboard' }).isVisible()).toBe(true);
        expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
        expect((await context.cookies(app.url)).map((c) => c.name)).not.toContain('pb_session');
        expect((await audit('console_user.sso_sign_in_failed'))?.after).toStrictEqual({ method: 'sso_saml', reason: NOT_SIGNED });
      }, 60_000);
    });
  });
});
