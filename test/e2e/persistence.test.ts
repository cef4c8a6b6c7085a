import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { armLoader, connectAndFinish, fillSandbox, flowIn, outcome, toSandboxForm } from './flow-driver.ts';

const SUBDOMAIN_KEY = 'plugboard:v1:sandbox:company_subdomain';

describeInChromium('input persistence in the flow (cross-site, partitioned storage)', () => {
  let site: CrossSite;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  afterEach(async () => {
    await context.close();
  });

  /** Opens a fresh link on the vendor page and walks to the Sandbox form. */
  async function openForm(page: Page): Promise<void> {
    await page.goto(`${site.hostOrigin}/`);
    await armLoader(page, await site.createLink());
    await page.click('#connect');
    await toSandboxForm(flowIn(page));
  }

  /** What the form shows: subdomain and API key. */
  async function shown(page: Page): Promise<[string, string]> {
    const flow = flowIn(page);
    return [await flow.getByRole('textbox', { name: 'Company subdomain' }).inputValue(), await flow.getByLabel(/^API key/).inputValue()];
  }

  /** Storage as the widget frame sees it. */
  async function frameStorage(page: Page, kind: 'localStorage' | 'sessionStorage'): Promise<string | null> {
    const frame = page.frames().find((f) => f.url().startsWith(site.widgetOrigin))!;
    return frame.evaluate(([kind, key]) => window[kind as 'localStorage'].getItem(key!), [kind, SUBDOMAIN_KEY]);
  }

  describe('with a development link (localStorage)', () => {
    beforeEach(async () => {
      context = await browser.newContext();
    });

    it('restores typed input after a reload, with a new link', async () => {
      const page = await context.newPage();
      await openForm(page);
      await fillSandbox(flowIn(page), 'sk-dev-1');
      await page.reload();
      await openForm(page);
      expect(await shown(page)).toStrictEqual(['acme', 'sk-dev-1']);
    });

    it('restores typed input in a new tab of the same site', async () => {
      const first = await context.newPage();
      await openForm(first);
      await fillSandbox(flowIn(first), 'sk-dev-2');
      const second = await context.newPage();
      await openForm(second);
      expect(await shown(second)).toStrictEqual(['acme', 'sk-dev-2']);
    });

    it('keeps input after a successful connection, for the next sandbox connection', async () => {
      const page = await context.newPage();
      await openForm(page);
      await fillSandbox(flowIn(page), 'sk-dev-3');
      await connectAndFinish(flowIn(page));
      await outcome(page);
      await openForm(page);
      expect(await shown(page)).toStrictEqual(['acme', 'sk-dev-3']);
    });

    it('partitions the embedded storage by the embedding site, as in a user’s Chrome', async () => {
      const page = await context.newPage();
      await openForm(page);
      await fillSandbox(flowIn(page));
      const embedded = await frameStorage(page, 'localStorage');
      const topLevel = await context.newPage();
      await topLevel.goto(`${site.widgetOrigin}/flow`);
      const firstParty = await topLevel.evaluate((key) => localStorage.getItem(key), SUBDOMAIN_KEY);
      expect([embedded, firstParty]).toStrictEqual(['acme', null]);
    });
  });

  describe('with a production link (sessionStorage)', () => {
    beforeEach(async () => {
      context = await browser.newContext();
      // No tool is available in production yet (the Sandbox is development-only), so the real session
      // of a development link is served as a production one; everything else is the real server.
      await context.route('**/flow/v1/session', async (route) => {
        // route.fetch runs in Node, outside Chromium's host-resolver rules: reach the app by address.
        const response = await route.fetch({ url: route.request().url().replace('//widget.test:', '//127.0.0.1:') });
        const body = await response.json();
        body.data.environment = 'production';
        await route.fulfill({ response, json: body });
      });
    });

    it('restores typed input after a reload of the tab', async () => {
      const page = await context.newPage();
      await openForm(page);
      await fillSandbox(flowIn(page), 'sk-prod-1');
      const stored = [await frameStorage(page, 'sessionStorage'), await frameStorage(page, 'localStorage')];
      await page.reload();
      await openForm(page);
      expect([stored, await shown(page)]).toStrictEqual([
        ['acme', null],
        ['acme', 'sk-prod-1'],
      ]);
    });

    it('forgets typed input in a new tab', async () => {
      const first = await context.newPage();
      await openForm(first);
      await fillSandbox(flowIn(first), 'sk-prod-2');
      const second = await context.newPage();
      await openForm(second);
      expect(await shown(second)).toStrictEqual(['', '']);
    });

    it('clears saved input once the connection succeeds', async () => {
      const page = await context.newPage();
      await openForm(page);
      await fillSandbox(flowIn(page), 'sk-prod-3');
      await connectAndFinish(flowIn(page));
      await outcome(page);
      await openForm(page);
      expect([await shown(page), await frameStorage(page, 'sessionStorage')]).toStrictEqual([['', ''], null]);
    });
  });

  describe('with storage blocked', () => {
    it('still connects', async () => {
      context = await browser.newContext();
      // Every storage access throws, as with blocked third-party storage.
      await context.addInitScript(() => {
        const blocked = {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        };
        Object.defineProperty(window, 'localStorage', blocked);
        Object.defineProperty(window, 'sessionStorage', blocked);
      });
      const page = await context.newPage();
      await openForm(page);
      await fillSandbox(flowIn(page));
      await connectAndFinish(flowIn(page));
      expect((await outcome(page)).token).toHaveLength(40);
    });
  });
});
