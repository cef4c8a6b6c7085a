import type { Browser, Page } from 'playwright-core';
import { DemoStore } from '../../demo/server/demo-store.ts';
import { type DemoSite, flowFrame, startDemoSite, waitForEmployees } from '../../scripts/demo-driver.ts';
import { demoDataDir } from '../../scripts/launch.ts';
import { call } from '../helpers/app.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { pressToEndFlow } from './flow-driver.ts';

describeInChromium('the demo vendor app with the keyboard alone', () => {
  let site: DemoSite;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startDemoSite(), launchChromium()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** The focused element of the demo page: `#id` if it has one, else its accessible text. */
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.id ? `#${el.id}` : (el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '');
    });

  async function tabTo(target: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(key);
      if ((await focused()) === target) return;
    }
    throw new Error(`${key} never reached ${target}`);
  }

  /** The same inside the flow's iframe. */
  async function tabInFlow(name: string): Promise<void> {
    const flow = flowFrame(page);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const label = await flow.locator(':focus').evaluate((el) => el.getAttribute('aria-label') || el.textContent?.trim() || '');
      if (label === name) return;
    }
    throw new Error(`Tab never reached ${name} in the flow`);
  }

  it('connects the Sandbox, searches, pages and disconnects without a pointer', async () => {
    await page.goto(site.demoUrl);
    await page.getByRole('button', { name: 'Connect your HR system' }).waitFor();
    await tabTo('Connect your HR system');
    await page.keyboard.press('Enter');

    const flow = flowFrame(page);
    await flow.getByRole('button', { name: 'Agree and continue' }).waitFor();
    await tabInFlow('Agree and continue');
    await page.keyboard.press('Enter');
    await flow.getByRole('searchbox').waitFor();
    await expect.poll(() => flow.locator(':focus').getAttribute('type')).toBe('search');
    await page.keyboard.type('sand');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await flow.getByRole('heading', { name: 'Data Sandbox will share' }).waitFor();
    await tabInFlow('Continue');
    await page.keyboard.press('Enter');
    await flow.getByRole('heading', { name: 'Get your Sandbox credentials' }).waitFor();
    await tabInFlow('Continue');
    await page.keyboard.press('Enter');
    await flow.getByRole('textbox', { name: 'Company subdomain' }).waitFor();
    await tabInFlow('Help for Company subdomain');
    await page.keyboard.press('Tab');
    await page.keyboard.type('initech');
    await tabInFlow('Help for API key');
    await page.keyboard.press('Tab');
    await page.keyboard.type('sk-keyboard-only');
    await tabInFlow('Connect');
    await page.keyboard.press('Enter');
    await flow.getByRole('button', { name: 'Done' }).waitFor();
    await expect.poll(() => flow.locator(':focus').textContent()).toBe('Done');
    await pressToEndFlow(page, 'Enter');

    // Back in the demo: focus moves to the connected integration's heading, then the table fills.
    await expect.poll(focused).toBe('#connection-title');
    await waitForEmployees(page);
    const first = (await page.locator('table.people tbody .name').allTextContents())[2]!;

    await tabTo('#people-search');
    await page.keyboard.type(first);
    await expect.poll(() => page.locator('#people-summary').textContent()).toMatch(/match(es)? among/);
    const found = await page.locator('table.people tbody .name').allTextContents();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('#people-summary').textContent()).toMatch(/^Showing 1–25 of \d+$/);

    await tabTo('Next');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#people-summary').textContent()).toMatch(/^Showing 26–50 of \d+$/);
    const stillOnNext = await focused();

    const id = (await page.locator('.facts code').textContent())!;
    await tabTo('Disconnect', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await tabTo('Disconnect');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Connect your HR system' }).waitFor();
    const key = new DemoStore(demoDataDir({ dataDir: site.dataDir })).apiKey!;
    const deleted = await call(`${site.launched.server.url}/v1/integrations/${encodeURIComponent(id)}`, key);

    expect({ found: found.includes(first), stillOnNext, afterDisconnect: await focused(), inPlugboard: deleted.status }).toStrictEqual({
      found: true,
      stillOnNext: 'Next',
      afterDisconnect: 'Connect your HR system',
      inPlugboard: 404,
    });
  });
});
