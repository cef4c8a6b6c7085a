import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { armLoader, fillSandbox, flowIn, focusedInFlow, toSandboxForm } from './flow-driver.ts';

describeInChromium('layers over the flow: the close confirmation (host.test embeds widget.test)', () => {
  let site: CrossSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    page = await context.newPage();
    await page.goto(`${site.hostOrigin}/`);
    await armLoader(page, await site.createLink());
    await page.click('#connect');
  });
  afterEach(async () => {
    await context.close();
  });

  /** On the Sandbox form with input typed, focus in the API key field. */
  async function typedForm() {
    const flow = flowIn(page);
    await toSandboxForm(flow);
    await fillSandbox(flow);
    await flow.getByLabel(/^API key/).focus();
    return flow;
  }

  describe('closed with “Keep editing”', () => {
    it('returns focus to the field the customer was in', async () => {
      const flow = await typedForm();
      await page.keyboard.press('Escape');
      await flow.getByRole('alertdialog').waitFor();
      await flow.getByRole('button', { name: 'Keep editing' }).click();
      await flow.getByRole('alertdialog').waitFor({ state: 'detached' });
      expect(await focusedInFlow(page)).toBe('password');
    });
  });

  describe('closed with Escape', () => {
    it('returns focus to the field the customer was in', async () => {
      const flow = await typedForm();
      await page.keyboard.press('Escape');
      await flow.getByRole('alertdialog').waitFor();
      await page.keyboard.press('Escape');
      await flow.getByRole('alertdialog').waitFor({ state: 'detached' });
      expect(await focusedInFlow(page)).toBe('password');
    });
  });

  describe('Escape while the credentials are being checked', () => {
    it('asks before abandoning, and keeping on lets the check finish', async () => {
      const flow = flowIn(page);
      await toSandboxForm(flow);
      await fillSandbox(flow, 'slow');
      await flow.getByRole('button', { name: 'Connect', exact: true }).click();
      await flow.getByRole('heading', { name: 'Checking your credentials' }).waitFor();
      await page.keyboard.press('Escape');
      await flow.getByRole('alertdialog').waitFor();
      const frames = await page.locator('iframe').count();
      await flow.getByRole('button', { name: 'Keep editing' }).click();
      await flow.getByRole('button', { name: 'Done' }).waitFor({ timeout: 10_000 });
      expect(frames).toBe(1);
    });
  });
});
