import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { testClock } from '../helpers/clock.ts';
import { armLoader, fillSandbox, flowIn, toSandboxForm, toToolList } from './flow-driver.ts';

const AXE = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in `frame` and returns `step: rule (targets)` for each violation. */
async function violations(frame: Frame | Page, step: string): Promise<string[]> {
  await frame.evaluate(AXE);
  const found = (await frame.evaluate(() => (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations))) as Violation[];
  return found.map((v) => `${step}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describeInChromium('accessibility of the flow in Chromium', () => {
  const clock = testClock(new Date());
  let site: CrossSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite({ clock }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  afterEach(async () => {
    await context.close();
  });

  async function open(link: string, colorScheme: 'light' | 'dark', viewport = { width: 1000, height: 800 }): Promise<Frame> {
    context = await browser.newContext({ viewport });
    page = await context.newPage();
    await page.goto(`${site.hostOrigin}/`);
    await armLoader(page, link, { theme: { colorScheme } });
    await page.click('#connect');
    await flowIn(page).locator('.pb').waitFor();
    return page.frames().find((f) => f.url().startsWith(site.widgetOrigin))!;
  }

  describe.each(['light', 'dark'] as const)('in the %s theme', (scheme) => {
    it('has no axe violations on any step of a connection', async () => {
      const frame = await open(await site.createLink(), scheme);
      const flow = flowIn(page);
      const found: string[] = [];
      await flow.getByRole('button', { name: 'Agree and continue' }).waitFor();
      found.push(...(await violations(frame, 'consent')));
      await toToolList(flow);
      found.push(...(await violations(frame, 'choose_tool')));
      await flow.getByRole('searchbox').fill('zzz');
      found.push(...(await violations(frame, 'choose_tool without results')));
      await flow.getByRole('searchbox').fill('');
      await flow.getByRole('button', { name: 'Sandbox' }).click();
      await flow.locator('details').first().waitFor();
      found.push(...(await violations(frame, 'data_points')));
      await flow.getByRole('button', { name: 'Continue' }).click();
      await flow.getByRole('list').first().waitFor();
      found.push(...(await violations(frame, 'instructions')));
      await flow.getByRole('button', { name: 'Continue' }).click();
      await flow.getByRole('textbox', { name: 'Company subdomain' }).waitFor();
      found.push(...(await violations(frame, 'credentials')));
      await flow.getByRole('button', { name: 'Connect', exact: true }).click();
      await flow.getByText('Enter Company subdomain.').waitFor();
      found.push(...(await violations(frame, 'credentials with errors')));
      await flow.getByRole('combobox', { name: 'Company size' }).click();
      await flow.getByRole('listbox').waitFor();
      found.push(...(await violations(frame, 'credentials with the listbox open')));
      await page.keyboard.press('Escape');
      await flow.getByRole('button', { name: 'Help for API key' }).focus();
      await flow.getByRole('tooltip').waitFor();
      found.push(...(await violations(frame, 'credentials with a tooltip')));
      await fillSandbox(flow);
      await flow.getByRole('button', { name: 'Close' }).click();
      await flow.getByRole('alertdialog').waitFor();
      found.push(...(await violations(frame, 'confirm close')));
      await flow.getByRole('button', { name: 'Keep editing' }).click();
      await fillSandbox(flow, 'slow');
      await flow.getByRole('button', { name: 'Connect', exact: true }).click();
      await flow.getByRole('heading', { name: 'Checking your credentials' }).waitFor();
      found.push(...(await violations(frame, 'verifying')));
      await flow.getByRole('button', { name: 'Done' }).waitFor({ timeout: 10_000 });
      found.push(...(await violations(frame, 'success')));
      expect(found).toStrictEqual([]);
    });

    it('has no axe violations on the failure, expired and invalid steps', async () => {
      const found: string[] = [];
      let frame = await open(await site.createLink(), scheme);
      await toSandboxForm(flowIn(page));
      await fillSandbox(flowIn(page), 'outage');
      await flowIn(page).getByRole('button', { name: 'Connect', exact: true }).click();
      await flowIn(page).getByRole('button', { name: 'Try again' }).waitFor();
      found.push(...(await violations(frame, 'failure')));
      await context.close();

      const expiring = await site.createLink();
      clock.advance(2 * 60 * 60 * 1000);
      frame = await open(expiring, scheme);
      await flowIn(page).getByRole('heading', { name: 'This link has expired' }).waitFor();
      found.push(...(await violations(frame, 'expired')));
      await context.close();

      frame = await open(`${site.widgetOrigin}/flow?token=${'x'.repeat(40)}`, scheme);
      await flowIn(page).getByRole('heading', { name: 'This link does not work' }).waitFor();
      found.push(...(await violations(frame, 'invalid')));
      expect(found).toStrictEqual([]);
    });
  });

  it('has no axe violations as a page (magic link), inline, and in German', async () => {
    const found: string[] = [];
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(await site.createLink({ link_type: 'MAGIC_LINK', language: 'de' }));
    await page.getByRole('button', { name: 'Zustimmen und weiter' }).waitFor();
    found.push(...(await violations(page, 'page')));
    await page.goto(`${site.hostOrigin}/`);
    await armLoader(page, await site.createLink(), { inline: true, theme: { primaryColor: '#fde047' } });
    await page.click('#connect');
    await toToolList(flowIn(page));
    found.push(...(await violations(page.frames().find((f) => f.url().startsWith(site.widgetOrigin))!, 'inline with a custom colour')));
    expect(found).toStrictEqual([]);
  });

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    const frame = await open(await site.createLink(), 'light', { width: 320, height: 640 });
    await toSandboxForm(flowIn(page));
    const widths = await frame.evaluate(() => [document.documentElement.scrollWidth, document.querySelector('.pb-body')!.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(320);
    expect(widths[1]).toBeLessThanOrEqual(widths[2]!);
  });

  it('stops animations when the customer prefers reduced motion', async () => {
    context = await browser.newContext({ reducedMotion: 'reduce' });
    page = await context.newPage();
    await page.goto(`${site.hostOrigin}/`);
    await armLoader(page, await site.createLink());
    await page.click('#connect');
    const flow = flowIn(page);
    await toSandboxForm(flow);
    await fillSandbox(flow, 'slow');
    await flow.getByRole('button', { name: 'Connect', exact: true }).click();
    const spinner = flow.locator('.pb-spinner');
    await spinner.waitFor();
    expect([await spinner.evaluate((el) => getComputedStyle(el).animationName), await flow.locator('.pb-dialog').evaluate((el) => getComputedStyle(el).animationName)]).toStrictEqual([
      'none',
      'none',
    ]);
  });
});
