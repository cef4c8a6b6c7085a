import type { Browser, BrowserContext, Page } from 'playwright-core';
import { updateEnvironmentSettings } from '../../server/domain/environment-settings.ts';
import { call } from '../helpers/app.ts';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { armKombo, armLoader, connectAndFinish, events, fillSandbox, flowIn, outcome, toSandboxForm } from './flow-driver.ts';

describeInChromium('framing: the environment’s allowed embedding origins (host.test embeds widget.test)', () => {
  let site: CrossSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite(), launchChromium()]);
  });
  afterAll(async () => {
    await allowOrigins([]);
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

  const allowOrigins = (origins: string[]) =>
    updateEnvironmentSettings(
      site.app.deps,
      { actor: 'test', source: 'test' },
      { tenantId: site.tenant.id, environmentId: site.tenant.environments.development, environment: 'development' },
      { allowedOrigins: origins },
    );

  /** The CSP the flow page answers for a link. */
  const flowCsp = async (link: string) => (await fetch(link.replace('//widget.test:', '//127.0.0.1:'))).headers.get('content-security-policy') ?? '';

  describe('with no allowed origins (the default)', () => {
    it('lets any origin frame the flow', async () => {
      await allowOrigins([]);
      expect(await flowCsp(await site.createLink())).toContain('frame-ancestors *');
    });
  });

  describe('with the vendor’s origin allowed', () => {
    it('lists only the allowed origins in frame-ancestors', async () => {
      await allowOrigins([site.hostOrigin, 'https://admin.acme.test']);
      expect((await flowCsp(await site.createLink())).split('; ').find((d) => d.startsWith('frame-ancestors'))).toBe(
        `frame-ancestors ${site.hostOrigin} https://admin.acme.test`,
      );
    });

    it('completes a connection with our loader and hands the token to the vendor', async () => {
      await allowOrigins([site.hostOrigin]);
      await page.goto(`${site.hostOrigin}/`);
      await armLoader(page, await site.createLink());
      await page.click('#connect');
      const flow = flowIn(page);
      await toSandboxForm(flow);
      await fillSandbox(flow);
      await connectAndFinish(flow);
      const { token } = await outcome(page);
      const exchanged = await call(`${site.app.url}/v1/connect/integration-by-token/${token}`, site.apiKey());
      expect([exchanged.status, exchanged.body.data.tool]).toStrictEqual([200, 'sandbox']);
    });

    it('keeps working with the official showKomboConnect', async () => {
      await allowOrigins([site.hostOrigin]);
      await page.goto(`${site.hostOrigin}/?lib=kombo`);
      await armKombo(page, await site.createLink());
      await page.click('#connect');
      const flow = flowIn(page);
      await toSandboxForm(flow);
      await fillSandbox(flow);
      await connectAndFinish(flow);
      expect((await outcome(page)).token).toMatch(/^\S{40}$/);
    });
  });

  describe('with only other origins allowed', () => {
    it('is not rendered inside the vendor’s page and tells it nothing', async () => {
      await allowOrigins(['https://app.acme.test']);
      await page.goto(`${site.hostOrigin}/`);
      await armLoader(page, await site.createLink());
      const blocked = page.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 10_000 });
      await page.click('#connect');
      await blocked;
      expect([await flowIn(page).getByRole('searchbox').count(), await events(page)]).toStrictEqual([0, [{ type: 'opened' }]]);
    });
  });
});
