import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setOidcConfig } from '../../server/domain/console/sso-config.ts';
import { ensureDefaultTenant } from '../../server/domain/tenants.ts';
import { ensureWidgetBuilt } from '../../server/widget-build.ts';
import { startApp, TEST_ACTOR, type TestApp } from '../helpers/app.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { sharedStore } from '../helpers/stores.ts';
import { addConsoleUser, PASSWORD } from '../server/console/console-client.ts';
import { IDP_CLIENT_ID, IDP_CLIENT_SECRET, TestIdp } from '../server/console/oidc-idp.ts';

const AXE = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations on the page. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations),
  )) as { id: string; impact: string; nodes: { target: string[] }[] }[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

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

    it('shows only its own words for a crafted failure link', async () => {
      await page.goto(`${app.url}/dashboard/?sso_error=${encodeURIComponent('Call +1 555 0100 to unlock your account')}`);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe(
        "Single sign-on failed: Your identity provider's answer could not be verified: try again, or ask an admin (the audit log has the reason).",
      );
    }, 60_000);

    it('shows why an uninvited user was refused', async () => {
      idp.nextLogin = 'stranger@example.test';
      await page.goto(`${app.url}/dashboard/`);
      await page.getByRole('link', { name: 'Sign in with SSO' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe('Single sign-on failed: No active console user has your email: ask an admin to invite you.');
    }, 60_000);
  });

  describe('the Security page, as an admin', () => {
    it('saves the OIDC settings, shows the redirect URL to copy, and has no serious axe violation', async () => {
      const admin = await addConsoleUser(app.deps, tenantId, 'admin');
      await page.goto(`${app.url}/dashboard/`);
      await page.getByLabel('Email').fill(admin.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('link', { name: 'Security' }).click();
      await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
      expect(await page.getByLabel('Redirect URL (register it with your identity provider)').inputValue()).toBe(`${app.url}/dashboard/api/sso/oidc/callback`);
      await page.getByLabel('Client ID').fill('another-client');
      await page.getByLabel('New users signing in with SSO').selectOption('operator');
      await page.getByRole('button', { name: 'Save single sign-on' }).click();
      await page.getByText('On (OIDC).').waitFor();
      const row = await app.deps.db.selectFrom('console_sso').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      expect([row.oidc_client_id, row.provision_role, row.enforce]).toStrictEqual(['another-client', 'operator', false]);
      expect(await violations(page)).toStrictEqual([]);
      await page.getByRole('radio', { name: 'SAML 2.0' }).check();
      expect(await page.getByLabel('ACS URL').inputValue()).toBe(`${app.url}/dashboard/api/sso/saml/${tenantId}/acs`);
      expect(await violations(page)).toStrictEqual([]);
    }, 60_000);
  });
});
