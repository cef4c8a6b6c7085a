import type { Browser, BrowserContext, Page } from 'playwright-core';
import { updateEnvironmentSettings } from '../../server/domain/environment-settings.ts';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { armLoader, fillSandbox, flowIn } from './flow-driver.ts';

const BRANDING = {
  displayName: 'Acme HR',
  logoUrl: 'https://cdn.acme.test/logo.svg',
  privacyPolicyUrl: 'https://acme.test/privacy',
  supportEmail: 'help@acme.test',
};

describeInChromium('trust: the vendor’s branding, the consent step and support (host.test embeds widget.test)', () => {
  let site: CrossSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite(), launchChromium()]);
  });
  afterAll(async () => {
    await configure({ displayName: null, logoUrl: null, privacyPolicyUrl: null, supportEmail: null, skipConsentForPreselected: false });
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

  const configure = (change: Record<string, unknown>) =>
    updateEnvironmentSettings(
      site.app.deps,
      { actor: 'test', source: 'test' },
      { tenantId: site.tenant.id, environmentId: site.tenant.environments.development, environment: 'development' },
      change,
    );

  async function openFlow(link: string) {
    await page.goto(`${site.hostOrigin}/`);
    await armLoader(page, link);
    await page.click('#connect');
    return flowIn(page);
  }

  describe('with branding configured', () => {
    it('opens on a consent step naming the vendor, the organisation and the privacy policy', async () => {
      await configure({ ...BRANDING, skipConsentForPreselected: false });
      const flow = await openFlow(await site.createLink());
      await flow.getByRole('heading', { name: 'Acme HR asks for access to your data' }).waitFor();
      expect([
        await flow.locator('.pb-vendor').textContent(),
        await flow.getByText(/^For Acme GmbH/).count(),
        await flow.getByRole('link', { name: 'Privacy policy of Acme HR (new tab)' }).getAttribute('href'),
      ]).toStrictEqual(['Acme HR', 1, 'https://acme.test/privacy']);
    });

    it('gives the support contact and reference when the tool is down', async () => {
      await configure({ ...BRANDING, skipConsentForPreselected: true });
      const flow = await openFlow(await site.createLink({ integration_tool: 'sandbox' }));
      await flow.getByRole('button', { name: 'Continue' }).click();
      await flow.getByRole('button', { name: 'Continue' }).click();
      await fillSandbox(flow, 'outage');
      await flow.getByRole('button', { name: 'Connect', exact: true }).click();
      await flow.getByRole('button', { name: 'Try again' }).waitFor();
      expect([
        await flow.getByRole('link', { name: 'help@acme.test' }).getAttribute('href'),
        await flow.getByText(/^Support reference: [0-9a-f-]{36}$/).count(),
      ]).toStrictEqual(['mailto:help@acme.test', 1]);
    });
  });

  describe('with consent skipped for preselected tools', () => {
    it('opens a preselected tool on its data points, and a link without one on the consent', async () => {
      await configure({ skipConsentForPreselected: true });
      const preselected = await openFlow(await site.createLink({ integration_tool: 'sandbox' }));
      await preselected.getByRole('heading', { name: 'Data Sandbox will share' }).waitFor();
      const preselectedConsent = await preselected.getByRole('button', { name: 'Agree and continue' }).count();
      const picker = await openFlow(await site.createLink());
      await picker.getByRole('button', { name: 'Agree and continue' }).waitFor();
      expect([preselectedConsent, await picker.getByRole('heading', { level: 1 }).textContent()]).toStrictEqual([0, 'Acme HR asks for access to your data']);
    });
  });

  describe('the hosted page (magic link)', () => {
    it('carries the vendor’s branding and says who secures it', async () => {
      await configure({ ...BRANDING, skipConsentForPreselected: false });
      await page.goto(await site.createLink({ link_type: 'MAGIC_LINK' }));
      await page.getByRole('heading', { name: 'Acme HR asks for access to your data' }).waitFor();
      expect([await page.locator('.pb-vendor').textContent(), await page.getByText('Secured by Plugboard').count()]).toStrictEqual(['Acme HR', 1]);
    });
  });
});
