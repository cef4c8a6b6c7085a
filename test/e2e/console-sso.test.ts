import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setOidcConfig } from '../../server/domain/console/sso-config.ts';
import { ensureDefaultTenant } from '../../server/domain/tenants.ts';
import { ensureWidgetBuilt } from '../../server/widget-build.ts';
import { startApp, TEST_ACTOR, type TestApp } from '../helpers/app.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { sharedStore } from '../helpers/stores.ts';
import { addConsoleUser } from '../server/console/console-client.ts';
import { IDP_CLIENT_ID, IDP_CLIENT_SECRET, TestIdp } from '../server/console/oidc-idp.ts';

describeInChromium('console single sign-on in Chromium', () => {
  let app: TestApp;
  let idp: TestIdp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tenantId: string;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    const store = await sharedStore('pglite');
    tenantId = (await ensureDefaultTenant(store.db)).id;
    [app, browser] = await Promise.all([startApp(store), launchChromium()]);
    idp = await TestIdp.start(`${app.url}/dashboard/api/sso/oidc/callback`);
    await setOidcConfig(app.deps, TEST_ACTOR, tenantId, { issuer: idp.issuer, clientId: IDP_CLIENT_ID, clientSecret: IDP_CLIENT_SECRET });
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
    await context.close();
  });

  describe('"Sign in with SSO" on the sign-in screen', () => {
    it('signs an invited-and-active user in through the real OpenID Provider and lands in the console', async () => {
      const user = await addConsoleUser(app.deps, tenantId, 'operator');
      idp.nextLogin = user.email;
      await page.goto(`${app.url}/dashboard/`);
      await page.getByRole('link', { name: 'Sign in with SSO' }).click();
      await page.waitForURL(`${app.url}/dashboard/`);
      await page.getByRole('button', { name: /sign out/i }).waitFor();
      expect(await page.textContent('body')).toContain(user.email);
    }, 60_000);

    it('shows why an uninvited user was refused', async () => {
      idp.nextLogin = 'stranger@example.test';
      await page.goto(`${app.url}/dashboard/`);
      await page.getByRole('link', { name: 'Sign in with SSO' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe('Single sign-on failed: No active console user has this email: ask an admin to invite you.');
    }, 60_000);
  });
});
