import type { Browser } from 'playwright-core';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { flowIn } from './flow-driver.ts';

// Click-to-interactive times are measured by `npm run bench` (bench/flow.ts), never asserted here.
describeInChromium('Plugboard.prefetch(link)', () => {
  let site: CrossSite;
  let browser: Browser;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  describe('when open() follows a prefetch of the same link', () => {
    it('shows the warmed flow without loading anything after the click', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.hostOrigin}/`);
      const link = await site.createLink();
      await page.evaluate((link) => window.Plugboard.prefetch(link), link);
      await flowIn(page).getByRole('button', { name: 'Agree and continue' }).waitFor({ state: 'attached' });
      await page.evaluate((link) => {
        document.getElementById('connect')!.onclick = () => {
          window.Plugboard.open(link).catch(() => {});
        };
      }, link);
      const afterClick: string[] = [];
      page.on('request', (r) => afterClick.push(r.url()));
      await page.click('#connect');
      await flowIn(page).getByRole('button', { name: 'Agree and continue' }).waitFor({ state: 'visible' });
      expect([afterClick, await page.locator('iframe').count()]).toStrictEqual([[], 1]);
      await context.close();
    });
  });
});
