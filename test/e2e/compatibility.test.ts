import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call } from '../helpers/app.ts';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { armKombo, connectAndFinish, fillSandbox, flowIn, outcome, toSandboxForm } from './flow-driver.ts';

describeInChromium('compatibility: @kombo-api/connect, magic links and what the server sends', () => {
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
  });
  afterEach(async () => {
    await context.close();
  });

  async function vendorPage(lib: 'plugboard' | 'kombo'): Promise<void> {
    await page.goto(`${site.hostOrigin}/?lib=${lib}`);
  }

  describe('with the official @kombo-api/connect', () => {
    it('completes a Sandbox connection through showKomboConnect(link)', async () => {
      await vendorPage('kombo');
      await armKombo(page, await site.createLink());
      await page.click('#connect');
      const flow = flowIn(page);
      await toSandboxForm(flow);
      await fillSandbox(flow);
      await connectAndFinish(flow);
      const { token } = await outcome(page);
      const exchanged = await call(`${site.app.url}/v1/connect/integration-by-token/${token}`, site.apiKey());
      expect([exchanged.status, exchanged.body.data.tool]).toStrictEqual([200, 'sandbox']);
    });

    it('cancels with KomboConnectCancelledError when closed', async () => {
      await vendorPage('kombo');
      await armKombo(page, await site.createLink());
      await page.click('#connect');
      await flowIn(page).getByRole('button', { name: 'Close' }).click();
      expect([await outcome(page), await page.locator('iframe').count()]).toStrictEqual([{ error: 'KomboConnectCancelledError' }, 0]);
    });

    it('paints its own backdrop on a transparent page inside the full-screen frame', async () => {
      await vendorPage('kombo');
      await armKombo(page, await site.createLink());
      await page.click('#connect');
      const flow = flowIn(page);
      await flow.getByRole('button', { name: 'Agree and continue' }).waitFor();
      const look = await flow.locator('.pb').evaluate((root) => ({
        page: getComputedStyle(document.documentElement).backgroundColor,
        body: getComputedStyle(document.body).backgroundColor,
        backdrop: getComputedStyle(root.querySelector('.pb-backdrop')!).backgroundColor,
        sdkv: new URL(location.href).searchParams.get('sdkv'),
      }));
      expect(look).toStrictEqual({ page: 'rgba(0, 0, 0, 0)', body: 'rgba(0, 0, 0, 0)', backdrop: expect.stringMatching(/^rgba\(15, 23, 42, 0\.6/), sdkv: '1.3.0' });
    });
  });

  describe('a magic link opened as a page', () => {
    it('shows the same flow and ends on a success screen', async () => {
      await page.goto(await site.createLink({ link_type: 'MAGIC_LINK' }));
      await toSandboxForm(page);
      await fillSandbox(page);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByText(/^You can close this window and return to the app you came from\./).waitFor();
      expect([await page.getByRole('heading', { level: 1 }).textContent(), await page.getByRole('button', { name: 'Close' }).count()]).toStrictEqual([
        'Sandbox is connected',
        0,
      ]);
    });
  });

  describe('what the server sends', () => {
    it('serves the flow page frameable, with a script policy, and no referrer', async () => {
      const res = await fetch(`${site.app.url}/flow?token=x`);
      const inline = /<script>([\s\S]*?)<\/script>/.exec(await res.text())![1]!;
      const hash = `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
      expect({
        allowsOnlyItsInlineScript: res.headers.get('content-security-policy')!.includes(`script-src 'self' ${hash};`),
        status: res.status,
        xfo: res.headers.get('x-frame-options'),
        csp: res.headers.get('content-security-policy'),
        referrer: res.headers.get('referrer-policy'),
      }).toStrictEqual({
        allowsOnlyItsInlineScript: true,
        status: 200,
        xfo: null,
        csp: expect.stringMatching(/script-src 'self'.*frame-ancestors \*/),
        referrer: 'no-referrer',
      });
    });

    it('serves /connect.js within 1.0 KB gzipped, loadable cross-origin, and /connect.mjs with its types', async () => {
      const [js, mjs, dts] = await Promise.all(['/connect.js', '/connect.mjs', '/connect.d.ts'].map((p) => fetch(`${site.app.url}${p}`)));
      const gzipped = zlib.gzipSync(Buffer.from(await js!.arrayBuffer()), { level: 9 }).length;
      expect({
        gzipped: gzipped <= 1024,
        cors: js!.headers.get('access-control-allow-origin'),
        type: mjs!.headers.get('content-type'),
        types: mjs!.headers.get('x-typescript-types'),
        dts: (await dts!.text()).includes('export declare function open'),
      }).toStrictEqual({ gzipped: true, cors: '*', type: 'text/javascript; charset=utf-8', types: '/connect.d.ts', dts: true });
    });
  });
});
