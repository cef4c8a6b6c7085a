import type { Browser, Page } from 'playwright-core';
import { startWebhookWorkers } from '../../server/domain/webhooks/webhook-jobs.ts';
import { ensureWidgetBuilt } from '../../server/widget-build.ts';
import { ensureDefaultTenant } from '../../server/domain/tenants.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { axeViolations } from '../helpers/axe.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { chooseEnvironment, signedInConsole } from '../helpers/console-browser.ts';
import { sharedStore } from '../helpers/stores.ts';
import { type Receiver, startReceiver } from '../server/webhooks/receiver.ts';
import { eventually } from '../server/webhooks/wait.ts';

describeInChromium('the console webhooks page in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  /** The console's sign-in form signs into the default tenant. */
  let tenantId: string;
  let receiver: Receiver;
  let secret = '';
  let stopWebhooks: () => Promise<void>;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    const store = await sharedStore('pglite');
    [app, browser] = await Promise.all([startApp(store), launchChromium()]);
    // The app's job queue has a schema of its own: these workers deliver only this app's events.
    stopWebhooks = await startWebhookWorkers(app.deps, { resumeOnStart: false, retentionCron: null });
    receiver = await startReceiver(() => secret);
    tenantId = (await ensureDefaultTenant(store.db)).id;
  }, 180_000);
  afterAll(async () => {
    await stopWebhooks?.();
    await receiver?.close();
    await browser?.close();
    await app?.close();
  });
  afterEach(() => expect(receiver.problems).toStrictEqual([]));

  const openWebhooks = async (page: Page, environment: 'production' | 'development') => {
    await chooseEnvironment(page, environment);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: `Webhooks (${environment})` }).waitFor();
  };

  it('lets an admin add an endpoint (secret shown once), send a test event, see its delivery, rotate the secret, and refuses unsafe production URLs', async () => {
    const { page, context } = await signedInConsole(browser, app, tenantId, 'admin');
    try {
      await openWebhooks(page, 'development');
      await page.getByLabel('URL').fill(receiver.url);
      await page.getByLabel('integration-created').check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const shown = page.getByLabel('Signing secret');
      secret = (await shown.textContent())!;
      expect(secret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
      await expect.poll(() => page.getByText('it is shown only once').count()).toBe(1);
      expect(await axeViolations(page, 'webhooks (light)')).toStrictEqual([]);

      await page.getByRole('button', { name: `Send test event to ${receiver.url}` }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'queued for' }).count()).toBe(1);
      await eventually(() => receiver.delivered.length === 1, 'the test event');
      await page.getByRole('button', { name: `Deliveries to ${receiver.url}` }).click();
      await page.getByRole('heading', { name: `Deliveries to ${receiver.url}` }).waitFor();
      const row = page.getByRole('row').filter({ hasText: receiver.delivered[0]!.id });
      await expect
        .poll(async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return (await row.allInnerTexts()).join(' ');
        })
        .toMatch(/integration-created[\s\S]*DELIVERED\s+1\s+200\s+\d+ ms/);
      expect(await axeViolations(page, 'deliveries (light)')).toStrictEqual([]);

      await page.getByRole('button', { name: 'Back to webhooks' }).click();
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      await expect.poll(async () => (await shown.textContent()) !== secret).toBe(true);
      expect(await page.locator('.secret-once').innerText()).toContain('two signatures');
      secret = (await shown.textContent())!;
      await page.getByRole('button', { name: `Send test event to ${receiver.url}` }).click();
      await eventually(() => receiver.delivered.length === 2, 'the test event signed with the new secret');

      await openWebhooks(page, 'production');
      await page.getByLabel('URL').fill('http://93.184.215.14/hooks');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toBe('Production webhook URLs must use https.');
      await page.getByLabel('URL').fill('https://169.254.169.254/latest');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('non-public address');
      expect(await page.getByText('No endpoints yet.').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('lets a developer manage development webhooks, keyboard only, in dark mode', async () => {
    const { page, context } = await signedInConsole(browser, app, tenantId, 'developer', { colorScheme: 'dark' });
    try {
      await page.getByRole('link', { name: 'Webhooks' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Webhooks (development)' }).waitFor();
      await page.getByLabel('URL').focus();
      await page.keyboard.type(`${receiver.url}?developer`);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').filter({ hasText: `Added ${receiver.url}?developer.` }).count()).toBe(1);
      expect(await axeViolations(page, 'webhooks (dark)')).toStrictEqual([]);
    } finally {
      await context.close();
    }
  });

  it('leaves the page out for an operator, whose API calls are refused', async () => {
    const { page, context } = await signedInConsole(browser, app, tenantId, 'operator');
    try {
      expect(await page.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
      const status = await page.evaluate(() => fetch('/dashboard/api/environments/production/webhooks').then((r) => r.status));
      expect(status).toBe(403);
    } finally {
      await context.close();
    }
  });
});
