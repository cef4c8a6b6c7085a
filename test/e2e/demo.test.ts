import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoStore } from '../../demo/server/demo-store.ts';
import { label } from '../../demo/web/format.ts';
import { connectSandbox, type DemoSite, fillSandboxForm, flowFrame, startDemoSite, waitForEmployees } from '../../scripts/demo-driver.ts';
import { demoDataDir } from '../../scripts/launch.ts';
import { call } from '../helpers/app.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';

/** Everything the browser received (bodies and headers), to prove the demo's key is never among it. */
interface Received {
  url: string;
  text: string;
}

describeInChromium('the demo vendor app on a fresh data directory (npm start, mouse)', () => {
  let site: DemoSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const received: Promise<Received>[] = [];
  const mainFrameRequests: string[] = [];

  beforeAll(async () => {
    [site, browser] = await Promise.all([startDemoSite(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.on('response', (r) =>
      received.push(
        (async () => ({ url: r.url(), text: `${JSON.stringify(await r.allHeaders())}\n${(await r.body().catch(() => Buffer.alloc(0))).toString('utf8')}` }))(),
      ),
    );
    page.on('request', (r) => {
      if (r.frame() === page.mainFrame()) mainFrameRequests.push(r.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const demoKey = () => new DemoStore(demoDataDir({ dataDir: site.dataDir })).apiKey!;
  const rowNames = () => page.locator('table.people tbody .name').allTextContents();
  const integrationId = () => page.locator('.facts code').textContent();

  it('offers to connect an HR system on first start', async () => {
    await page.goto(site.demoUrl);
    await page.getByRole('button', { name: 'Connect your HR system' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Your people appear here' }).isVisible()).toBe(true);
  });

  it('loads nothing from Plugboard into its own page but connect.js', async () => {
    const fromPlugboard = mainFrameRequests.filter((url) => url.startsWith(site.plugboardUrl));
    const elsewhere = mainFrameRequests.filter((url) => !url.startsWith(site.plugboardUrl) && !url.startsWith(site.demoUrl));
    expect([fromPlugboard, elsewhere]).toStrictEqual([[`${site.plugboardUrl}/connect.js`], []]);
  });

  it('connects the Sandbox through the flow and lists its employees with teams and employment details', async () => {
    await connectSandbox(page);
    await waitForEmployees(page);
    await page.getByTestId('setup-status').waitFor({ state: 'detached' });
    // The Sandbox's leaves follow today's date, so the first employee may be on leave: the badge must say what the API says.
    const first = await call(`${site.launched.server.url}/v1/hris/employees?page_size=1`, demoKey(), {
      headers: { 'x-integration-id': (await integrationId())! },
    });
    expect({
      tool: await page.locator('#connection-title').textContent(),
      status: await page.getByTestId('integration-status').textContent(),
      // Once set up, only the status shows (the setup badge says nothing more).
      setup: await page.getByTestId('setup-status').count(),
      rows: await page.locator('table.people tbody tr').count(),
      teams: await page.locator('table.people .chip').count(),
      employment: await page.locator('table.people tbody tr').first().locator('td').nth(3).textContent(),
    }).toStrictEqual({
      tool: 'Sandbox',
      status: 'Active',
      setup: 0,
      rows: 25,
      teams: expect.any(Number),
      employment: expect.stringMatching(new RegExp(`^${label(first.body.data.results[0].employment_status)}`)),
    });
  });

  it('pages forward and back with the API’s cursors', async () => {
    const first = await rowNames();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.locator('.pager').textContent()).toContain('Page 2');
    await waitForEmployees(page);
    const second = await rowNames();
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => page.locator('.pager').textContent()).toContain('Page 1');
    await waitForEmployees(page);
    expect([second.length, second.some((n) => first.includes(n)), await rowNames()]).toStrictEqual([25, false, first]);
  });

  it('finds people by name within the employees it read', async () => {
    const [target] = (await rowNames()).slice(3, 4);
    await page.getByRole('searchbox', { name: 'Search people' }).fill(target!);
    await expect.poll(() => page.locator('#people-summary').textContent()).toMatch(/match(es)? among \d+ employees/);
    expect(await rowNames()).toContain(target);
  });

  it('finds a person by exact work email through the API', async () => {
    const search = page.getByRole('searchbox', { name: 'Search people' });
    await search.fill('');
    await expect.poll(() => page.locator('#people-summary').textContent()).toMatch(/^Showing 1–25 of \d+$/);
    const email = (await page.locator('table.people tbody .person .small').nth(5).textContent())!;
    const name = (await rowNames())[5];
    await search.fill(email);
    await expect.poll(() => page.locator('#people-summary').textContent()).toBe('1 person has this work email');
    expect(await rowNames()).toStrictEqual([name]);
    await search.fill('');
    await expect.poll(() => page.locator('#people-summary').textContent()).toMatch(/^Showing 1–25 of \d+$/);
  });

  it('requests a sync, follows it to completion and reloads the people', async () => {
    const employees = page.waitForResponse((r) => r.url().includes('/employees') && r.request().method() === 'GET');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 20_000 }).toMatch(/^Synced at \d{2}:\d{2}:\d{2}.* \(\d+(\.\d)? s\)$/);
    // The people table is read again once the sync finished.
    expect((await employees).status()).toBe(200);
    await waitForEmployees(page);
    expect([await page.getByTestId('sync-status').textContent(), await page.locator('table.people tbody tr').count()]).toStrictEqual([
      expect.stringMatching(/^Synced at /),
      25,
    ]);
  });

  it('disables reading and enables it again', async () => {
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('heading', { name: 'Reading is paused' }).waitFor();
    const disabled = await page.getByTestId('integration-status').textContent();
    await page.getByRole('button', { name: 'Enable' }).click();
    await waitForEmployees(page);
    expect([disabled, await page.getByTestId('integration-status').textContent()]).toStrictEqual(['Disabled', 'Active']);
  });

  it('reconnects the same integration with new credentials', async () => {
    const before = await integrationId();
    await page.getByRole('button', { name: 'Reconnect' }).click();
    // A relink link names its tool: after the consent the flow goes to the data points, not to the tool list.
    const flow = flowFrame(page);
    await flow.getByText(/^This updates your existing Sandbox connection/).waitFor();
    await flow.getByRole('button', { name: 'Agree and continue' }).click();
    await flow.getByRole('heading', { name: 'Data Sandbox will share' }).waitFor();
    await flow.getByRole('button', { name: 'Continue' }).click();
    await flow.getByRole('button', { name: 'Continue' }).click();
    await fillSandboxForm(flow, { subdomain: 'globex', apiKey: 'sk-rotated-key' });
    await flow.getByRole('button', { name: 'Connect', exact: true }).click();
    await flow.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.locator('#announcer').textContent()).toBe('Reconnected with the new credentials.');
    expect(await integrationId()).toBe(before);
  });

  it('remembers the integration after a restart on the same data directory', async () => {
    const before = await integrationId();
    await site.close();
    site = await startDemoSite(site.dataDir);
    await page.goto(site.demoUrl);
    await waitForEmployees(page);
    expect(await integrationId()).toBe(before);
  });

  it('disconnects after confirming, deleting the integration in Plugboard', async () => {
    const id = (await integrationId())!;
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('button', { name: 'Connect your HR system' }).waitFor();
    const inPlugboard = await call(`${site.launched.server.url}/v1/integrations/${encodeURIComponent(id)}`, demoKey());
    expect([inPlugboard.status, inPlugboard.body.error.code]).toStrictEqual([404, 'PLATFORM.INTEGRATION_NOT_FOUND']);
  });

  it('never sent the demo’s API key to the browser', async () => {
    const all = await Promise.all(received);
    const key = demoKey();
    expect([all.length > 30, all.filter((r) => r.text.includes(key)).map((r) => r.url)]).toStrictEqual([true, []]);
  });
});
