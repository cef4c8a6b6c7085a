import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ensureDefaultTenant, getEnvironment } from '../../server/domain/tenants.ts';
import { call, createTestKey, startApp, type TestApp, type TestTenant } from '../helpers/app.ts';
import { axeViolations } from '../helpers/axe.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { chooseEnvironment, signedInConsole } from '../helpers/console-browser.ts';
import { createTestIntegration } from '../helpers/integrations.ts';
import { sharedStore } from '../helpers/stores.ts';

/** Presses Tab until the focused element's accessible text matches `name` (keyboard only, at most 60 presses). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const label = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return `${el?.getAttribute('aria-label') ?? ''} ${label ?? ''} ${el?.textContent ?? ''}`;
    });
    if (name.test(focused)) return;
  }
  throw new Error(`never focused ${name}`);
}

describeInChromium('the console logs, audit and overview in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let tenant: TestTenant;
  let key: string;
  let invalidId: string;
  const tag = `e2e${Date.now()}`;

  beforeAll(async () => {
    const store = await sharedStore('pglite');
    const id = (await ensureDefaultTenant(store.db)).id;
    const [production, development] = await Promise.all([getEnvironment(store.db, id, 'production'), getEnvironment(store.db, id, 'development')]);
    tenant = { id, environments: { production: production.id, development: development.id } };
    [app, browser] = await Promise.all([startApp(store), launchChromium()]);
    key = (await createTestKey(app.deps, tenant, 'development')).key;
    invalidId = await createTestIntegration(app.deps, tenant, { status: 'INVALID' });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("opens a real /v1 error's log_url on its entry, filters the logs, shows the overview and exports the filtered audit log as CSV", async () => {
    const res = await call(`${app.url}/v1/integrations/sandbox:${tag}`, key);
    const logUrl = res.body.error.log_url as string;
    expect(logUrl).toBe(`${app.url}/dashboard/logs/${res.headers.get('x-request-id')}`);
    const { page, context } = await signedInConsole(browser, app, tenant.id, 'admin');
    const found: string[] = [];
    try {
      // The entry may not be written yet: the page retries while the batch is on its way.
      await page.goto(logUrl);
      const entry = page.locator('dl.entry');
      await entry.waitFor();
      expect(await entry.innerText()).toContain(`/v1/integrations/sandbox:${tag}`);
      expect(await entry.innerText()).toMatch(/Status\s+404/);
      expect(await entry.innerText()).toMatch(/Environment\s+development/);
      found.push(...(await axeViolations(page, 'log entry')));

      await chooseEnvironment(page, 'development');
      await page.getByRole('link', { name: 'Logs', exact: true }).click();
      await page.getByLabel('Status class').selectOption('4xx');
      await page.getByLabel('Path contains').fill(tag);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('status').filter({ hasText: '1 request shown, newest first.' }).waitFor();
      expect(await page.locator('table tbody tr').count()).toBe(1);
      await page.getByLabel('Method').selectOption('POST');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('status').filter({ hasText: 'No requests match.' }).waitFor();
      found.push(...(await axeViolations(page, 'logs')));

      // Retention: the admin changes it (audited), which the audit page then finds.
      await page.getByLabel('Days to keep (1 to 365)').fill('5');
      await page.getByRole('button', { name: 'Save retention' }).click();
      await page.getByText('Retention set to 5 days.').waitFor();

      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
      const counts = await app.deps.db.selectFrom('integrations').select(['status']).where('environment_id', '=', tenant.environments.development).execute();
      expect(await page.locator('dl.counts').innerText()).toMatch(new RegExp(`Total\\s+${counts.length}\\s+Active\\s+${counts.filter((c) => c.status === 'ACTIVE').length}\\s+Invalid\\s+${counts.filter((c) => c.status === 'INVALID').length}`));
      expect(await page.getByRole('heading', { name: 'Invalid credentials' }).count()).toBe(1);
      expect(await page.getByText(invalidId, { exact: false }).count()).toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: /^Details of request / }).count()).toBeGreaterThan(0);
      found.push(...(await axeViolations(page, 'overview')));

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('Action').fill('logs.retention_changed');
      await page.getByLabel('Target ID').fill(tenant.environments.development);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('status').filter({ hasText: /^1 entry shown/ }).waitFor();
      const row = await page.locator('table tbody tr').first().innerText();
      expect(row).toContain('"retention_days": 5');
      found.push(...(await axeViolations(page, 'audit')));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
      expect(csv[0]).toBe('at,actor,source,action,environment_id,target_type,target_id,before,after');
      expect(csv.filter((line) => line.includes('"logs.retention_changed"'))).toHaveLength(1);
      expect(csv[1]).toContain('"{""retention_days"":5}"');
      expect(found).toStrictEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows an operator the logs but not the audit log, which the server refuses too', async () => {
    const { page, context } = await signedInConsole(browser, app, tenant.id, 'operator');
    try {
      expect(await page.getByRole('link', { name: 'Logs', exact: true }).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Logs', exact: true }).click();
      await page.getByRole('heading', { name: 'Retention' }).waitFor();
      expect(await page.getByRole('button', { name: 'Save retention' }).count()).toBe(0);
      await page.goto(`${app.url}/dashboard/audit`);
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      const status = await page.evaluate(async () => (await fetch('/dashboard/api/audit?format=csv')).status);
      expect(status).toBe(403);
    } finally {
      await context.close();
    }
  });

  it('has no serious axe violation in dark mode, and the logs work with the keyboard alone', async () => {
    const { page, context } = await signedInConsole(browser, app, tenant.id, 'admin', { colorScheme: 'dark' });
    const found: string[] = [];
    try {
      found.push(...(await axeViolations(page, 'overview (dark)')));
      await page.goto(`${app.url}/dashboard/audit`);
      await page.getByRole('status').filter({ hasText: /shown, newest first|No entries match/ }).waitFor();
      found.push(...(await axeViolations(page, 'audit (dark)')));

      await page.goto(`${app.url}/dashboard`);
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await tabTo(page, /^\s*Environment/);
      await page.keyboard.press('ArrowDown'); // production -> development
      await tabTo(page, /^\s*Logs\s*$/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Logs' }).waitFor();
      await tabTo(page, /Path contains/);
      await page.keyboard.type(tag);
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: '1 request shown, newest first.' }).waitFor();
      found.push(...(await axeViolations(page, 'logs (dark)')));
      await tabTo(page, /Details of request/);
      await page.keyboard.press('Enter');
      await page.locator('dl.entry').waitFor();
      expect(await page.locator('dl.entry').innerText()).toContain(`sandbox:${tag}`);
      expect(found).toStrictEqual([]);
    } finally {
      await context.close();
    }
  });
});
