import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectSandbox, type DemoSite, flowFrame, startDemoSite, waitForEmployees } from '../../scripts/demo-driver.ts';
import { axeViolations } from '../helpers/axe.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { pressToEndFlow } from './flow-driver.ts';

describeInChromium('the demo as a reference integration', () => {
  let site: DemoSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startDemoSite(), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    await page.goto(site.demoUrl);
    await page.getByRole('button', { name: 'Connect your HR system' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** Everything an end user reads on the page without opening the developers' panel. */
  const endUserText = () =>
    page.evaluate(() => {
      const copy = document.querySelector('main')!.cloneNode(true) as HTMLElement;
      copy.querySelector('.dev-panel')?.remove();
      return copy.innerText;
    });

  it('keeps developer hints in a collapsed "For developers" panel', async () => {
    const panel = page.locator('details.dev-panel');
    expect({
      open: await panel.evaluate((d) => (d as HTMLDetailsElement).open),
      summary: await panel.locator('summary').textContent(),
      hints: (await panel.textContent())?.includes('PUT /v1/integrations/{id}/enabled'),
      endUser: /\/v1\/|API key|Sandbox/.test(await endUserText()),
    }).toStrictEqual({ open: false, summary: 'For developers', hints: true, endUser: false });
  });

  it('opens the connection window in the language chosen on the page: a Kombo language and a Plugboard one', async () => {
    const consent: string[] = [];
    for (const [language, accept] of [['de', 'Zustimmen und weiter'], ['nl', 'Akkoord en doorgaan']] as const) {
      await page.getByLabel('Language of the connection window').selectOption(language);
      await page.getByRole('button', { name: 'Connect your HR system' }).click();
      await flowFrame(page).getByRole('button', { name: accept }).waitFor();
      consent.push(language);
      await pressToEndFlow(page, 'Escape');
    }
    await page.getByLabel('Language of the connection window').selectOption('');
    expect(consent).toStrictEqual(['de', 'nl']);
  });

  it('shows one status, the total of people and pages, and no developer text once connected', async () => {
    await connectSandbox(page);
    await waitForEmployees(page);
    await expect.poll(() => page.locator('#people-summary').textContent()).toMatch(/^Showing 1–25 of \d+$/);
    const total = Number((await page.locator('#people-summary').textContent())!.split(' of ')[1]);
    expect({
      statuses: await page.locator('#connection').getByText('Active', { exact: true }).count(),
      pager: await page.locator('.pager .muted').textContent(),
      endUser: /\/v1\/|API key/.test(await endUserText()),
    }).toStrictEqual({ statuses: 1, pager: `Page 1 of ${Math.ceil(total / 25)}`, endUser: false });
  });

  it('offers no sync while disabled, and its Disabled badge passes contrast (axe, light)', async () => {
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('heading', { name: 'Reading is paused' }).waitFor();
    expect({
      badge: await page.getByTestId('integration-status').textContent(),
      syncButtons: await page.getByRole('button', { name: 'Sync now' }).count(),
      violations: await axeViolations(page, 'disabled, light'),
    }).toStrictEqual({ badge: 'Disabled', syncButtons: 0, violations: [] });
  });

  it('follows the system into dark mode with no serious axe violation, at 320 px too', async () => {
    const found: string[] = [];
    for (const viewport of [{ width: 1280, height: 860 }, { width: 320, height: 720 }]) {
      const dark = await browser.newContext({ viewport, colorScheme: 'dark' });
      const tab = await dark.newPage();
      await tab.goto(site.demoUrl);
      await tab.getByRole('heading', { name: 'Reading is paused' }).waitFor();
      expect(await tab.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(18, 18, 28)');
      found.push(...(await axeViolations(tab, `dark ${viewport.width}px`)));
      await dark.close();
    }
    expect(found).toStrictEqual([]);
  });

  it('lets the keyboard scroll the people table sideways at 320 px', async () => {
    await page.getByRole('button', { name: 'Enable' }).click();
    await waitForEmployees(page);
    const narrow = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const tab = await narrow.newPage();
    await tab.goto(site.demoUrl);
    await waitForEmployees(tab);
    const region = tab.getByRole('region', { name: /People table/ });
    for (let i = 0; i < 60 && !(await region.evaluate((el) => el === document.activeElement)); i++) await tab.keyboard.press('Tab');
    await tab.keyboard.press('ArrowRight');
    await tab.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await axeViolations(tab, 'connected 320px light')).toStrictEqual([]);
    await narrow.close();
  });
});
