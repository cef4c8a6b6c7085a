import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { ensureDefaultTenant, getEnvironment } from '../../server/domain/tenants.ts';
import { ensureWidgetBuilt } from '../../server/widget-build.ts';
import { call, startApp, type TestApp, type TestTenant } from '../helpers/app.ts';
import { axeViolations } from '../helpers/axe.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { chooseEnvironment, signedInConsole } from '../helpers/console-browser.ts';
import { createTestIntegration, type TestIntegrationOptions } from '../helpers/integrations.ts';
import { sharedStore } from '../helpers/stores.ts';

/** Presses Tab until the focused element's text or label matches `name` (keyboard only, no clicks). */
async function tabTo(page: Page, name: string | RegExp, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const labelled = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (el?.getAttribute('aria-label') ?? labelled ?? el?.textContent ?? '').trim();
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

describeInChromium('the secrets and integrations pages in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let tenant: TestTenant;
  /** Unique per run: the default tenant is shared with other browser tests. */
  const run = crypto.randomBytes(3).toString('hex');

  async function integration(org: string, options: TestIntegrationOptions = {}): Promise<string> {
    const id = await createTestIntegration(app.deps, tenant, { environment: 'production', ...options });
    await app.deps.db.updateTable('integrations').set({ end_user_organization_name: `${org} ${run}`, end_user_email: `hr@${org.toLowerCase()}.example` }).where('id', '=', id).execute();
    return id;
  }

  beforeAll(async () => {
    await ensureWidgetBuilt();
    const store = await sharedStore('pglite');
    const { id } = await ensureDefaultTenant(store.db);
    tenant = { id, environments: { production: (await getEnvironment(store.db, id, 'production')).id, development: (await getEnvironment(store.db, id, 'development')).id } };
    [app, browser] = await Promise.all([startApp(store), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('takes an admin through keys (shown once, allowlist, disable) and integrations (search, details, sync, relink, delete), axe-clean in light', async () => {
    const found: string[] = [];
    const { page, context } = await signedInConsole(browser, app, tenant.id, 'admin');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    try {
      await page.getByRole('link', { name: 'API keys' }).click();
      await page.getByRole('heading', { name: 'API keys' }).waitFor();
      found.push(...(await axeViolations(page, 'api keys')));
      await page.getByLabel('Name').fill(`payroll ${run}`);
      await page.getByLabel(/^Allowed addresses/).fill('203.0.113.0/24');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('heading', { name: `New key: payroll ${run}` }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toBe('new-key-heading');
      const key = await page.getByLabel('API key', { exact: true }).inputValue();
      expect(key).toMatch(/^ks_prod_/);
      await page.getByText('It is shown only this once', { exact: false }).waitFor();
      found.push(...(await axeViolations(page, 'new key')));
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.getByText('Copied to the clipboard.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(403); // 203.0.113.0/24 is not this client
      await page.reload();
      await page.getByRole('cell', { name: `payroll ${run}`, exact: true }).waitFor();
      expect(await page.content()).not.toContain(key);
      expect(await page.getByRole('heading', { name: /^New key/ }).count()).toBe(0);

      // The allowlist, edited in place: allow-all needs the confirmation.
      await page.getByRole('button', { name: `Edit allowlist of payroll ${run}` }).click();
      const editor = page.getByRole('form', { name: `Allowlist of payroll ${run}` });
      await editor.getByRole('textbox').fill('::/0\n0.0.0.0/0');
      await editor.getByText('allows requests from every address').waitFor();
      await editor.getByRole('button', { name: 'Save allowlist' }).click();
      await editor.getByRole('alert').getByText('Confirm that the key may be used from any address', { exact: false }).waitFor();
      await editor.getByLabel('Allow requests from any address').check();
      await editor.getByRole('button', { name: 'Save allowlist' }).click();
      await page.getByText(`The allowlist of payroll ${run} is saved.`).waitFor();
      await page.getByText('::/0, 0.0.0.0/0 (allows every address)').waitFor();
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(200);

      // Disabling asks first, says it cannot be undone, and the next /v1 request is refused.
      await page.getByRole('button', { name: `Disable payroll ${run}` }).click();
      const confirm = page.getByRole('group', { name: `Confirm disabling payroll ${run}` });
      await confirm.getByText('This cannot be undone', { exact: false }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Disable for good');
      await confirm.getByRole('button', { name: 'Disable for good' }).click();
      await page.getByText(`payroll ${run} is disabled.`).waitFor();
      expect((await call(`${app.url}/v1/check-api-key`, key)).status).toBe(401);
      await page.getByRole('row', { name: new RegExp(`payroll ${run}.*Disabled`) }).waitFor();

      // Integrations: search and filter, answered by the server.
      const acme = await integration('Acme');
      await integration('Globex', { status: 'INACTIVE' });
      await page.getByRole('link', { name: 'Integrations' }).click();
      await page.getByRole('heading', { name: 'Integrations' }).waitFor();
      await page.getByLabel('Search', { exact: true }).fill(`acme ${run}`);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('1 integration found.').waitFor();
      await page.getByLabel('Search', { exact: true }).fill(run);
      await page.getByLabel('Status', { exact: true }).selectOption('INACTIVE');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('1 integration found.').waitFor();
      await page.getByRole('link', { name: `Globex ${run}` }).waitFor();
      found.push(...(await axeViolations(page, 'integrations')));

      // Details: sync history, force sync, relink, delete with the typed confirmation.
      await page.getByLabel('Search', { exact: true }).fill(`Acme ${run}`);
      await page.getByLabel('Status', { exact: true }).selectOption('');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: `Acme ${run}` }).click();
      await page.getByRole('heading', { name: `Acme ${run}` }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/dashboard/integrations/${encodeURIComponent(acme)}`);
      await page.getByText('No sync has run yet.').waitFor();
      await page.getByRole('button', { name: 'Force sync' }).click();
      await page.getByText('A sync is queued.').waitFor();
      await page.getByRole('cell', { name: 'QUEUED' }).waitFor();
      await page.getByRole('button', { name: 'Create reconnection link' }).click();
      expect(await page.getByLabel('Reconnection link').inputValue()).toMatch(/\/flow\?token=/);
      found.push(...(await axeViolations(page, 'integration details')));
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByLabel(`Type Acme ${run} to confirm`).fill('Acme');
      expect(await page.getByRole('button', { name: 'Delete for good' }).isDisabled()).toBe(true);
      await page.getByLabel(`Type Acme ${run} to confirm`).fill(`Acme ${run}`);
      await page.getByRole('button', { name: 'Delete for good' }).click();
      await page.getByRole('heading', { name: 'Integration deleted' }).waitFor();
      expect(await app.deps.db.selectFrom('integrations').select('id').where('id', '=', acme).executeTakeFirst()).toBeUndefined();
      expect(found).toStrictEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has no serious axe violation on either page in dark mode', async () => {
    const id = await integration('Dark');
    const { page, context } = await signedInConsole(browser, app, tenant.id, 'admin', { colorScheme: 'dark' });
    try {
      const found: string[] = [];
      await page.getByRole('link', { name: 'API keys' }).click();
      await page.getByRole('heading', { name: 'API keys' }).waitFor();
      await page.getByLabel('Name').fill(`dark ${run}`);
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('heading', { name: `New key: dark ${run}` }).waitFor();
      found.push(...(await axeViolations(page, 'api keys (dark)')));
      await page.getByRole('link', { name: 'Integrations' }).click();
      await page.getByRole('heading', { name: 'Integrations' }).waitFor();
      found.push(...(await axeViolations(page, 'integrations (dark)')));
      await page.goto(`${app.url}/dashboard/integrations/${encodeURIComponent(id)}`);
      await page.getByRole('heading', { name: `Dark ${run}` }).waitFor();
      found.push(...(await axeViolations(page, 'integration details (dark)')));
      expect(found).toStrictEqual([]);
    } finally {
      await context.close();
    }
  });

  it('gives an operator integrations in production but no API keys page, and the server refuses the keys API', async () => {
    const id = await integration('Operated');
    const { page, context } = await signedInConsole(browser, app, tenant.id, 'operator');
    try {
      expect(await page.getByLabel('Environment').locator('option').allTextContents()).toStrictEqual(['Production']);
      expect(await page.getByRole('link', { name: 'API keys' }).count()).toBe(0);
      await page.goto(`${app.url}/dashboard/api-keys`);
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      const answer = await page.evaluate(async () => {
        const res = await fetch('/dashboard/api/environments/production/api-keys');
        return { status: res.status, code: (await res.json()).error.code };
      });
      expect(answer).toStrictEqual({ status: 403, code: 'CONSOLE.FORBIDDEN' });
      await page.getByRole('link', { name: 'Integrations' }).click();
      await page.getByLabel('Search', { exact: true }).fill(`Operated ${run}`);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: `Operated ${run}` }).click();
      await page.getByRole('button', { name: 'Disable' }).click();
      await page.getByText('The integration is disabled.').waitFor();
      expect((await app.deps.db.selectFrom('integrations').select('status').where('id', '=', id).executeTakeFirst())?.status).toBe('INACTIVE');
      await page.getByRole('button', { name: 'Enable' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('keeps a developer in development: its integrations and keys only, a stale one reactivated by keyboard alone, a new link for its tools', async () => {
    await integration('Prod Hidden');
    const stale = await createTestIntegration(app.deps, tenant, { environment: 'development', status: 'INACTIVE' });
    await app.deps.db.updateTable('integrations').set({ end_user_organization_name: `Stale ${run}`, inactive_reason: 'STALE' }).where('id', '=', stale).execute();
    const { page, context } = await signedInConsole(browser, app, tenant.id, 'developer');
    try {
      expect(await page.getByLabel('Environment').locator('option').allTextContents()).toStrictEqual(['Development']);
      await chooseEnvironment(page, 'development');
      const production = await page.evaluate(async () => (await fetch('/dashboard/api/environments/production/integrations')).status);
      expect(production).toBe(403);
      expect(await page.getByRole('link', { name: 'API keys' }).count()).toBe(1);
      // Keyboard only from here: Tab, type and Enter.
      await tabTo(page, 'Integrations');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Integrations' }).waitFor();
      await tabTo(page, 'Search');
      await page.keyboard.type(run);
      await page.keyboard.press('Enter');
      await page.getByText('1 integration found.').waitFor();
      expect(await page.getByRole('link', { name: `Prod Hidden ${run}` }).count()).toBe(0);
      await tabTo(page, `Stale ${run}`);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `Stale ${run}` }).waitFor();
      await page.getByText('INACTIVE (stale)').waitFor();
      await tabTo(page, 'Reactivate');
      await page.keyboard.press('Enter');
      await page.getByText('The integration is active again.').waitFor();
      expect(await app.deps.db.selectFrom('integrations').select(['status', 'inactive_reason']).where('id', '=', stale).executeTakeFirst()).toStrictEqual({ status: 'ACTIVE', inactive_reason: null });
      await page.getByRole('link', { name: 'All integrations' }).click();
      // A new connection link for a development tool, with copy and expiry.
      await page.getByLabel('Magic link', { exact: false }).check();
      await page.getByLabel('Customer organisation').fill(`Initech ${run}`);
      await page.getByLabel('Customer email').fill('hr@initech.example');
      await page.getByLabel('Tool (optional)').selectOption('sandbox');
      await page.getByLabel('Language').selectOption('de');
      await page.getByRole('button', { name: 'Create link' }).click();
      expect(await page.getByRole('textbox', { name: 'Connection link', exact: true }).inputValue()).toMatch(new RegExp(`^${app.url}/flow\\?token=`));
      await page.getByText(/^Valid until \d{4}-/).waitFor();

    } finally {
      await context.close();
    }
  });
});
