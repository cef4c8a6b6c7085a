import type { Browser, Page } from 'playwright-core';
import { updateEnvironmentSettings } from '../../server/domain/environment-settings.ts';
import { ensureDefaultTenant, getEnvironment } from '../../server/domain/tenants.ts';
import { call, createTestKey, type TestTenant } from '../helpers/app.ts';
import { axeViolations } from '../helpers/axe.ts';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { chooseEnvironment, type ConsoleTab, signedInConsole } from '../helpers/console-browser.ts';
import { armLoader, flowIn } from './flow-driver.ts';

describeInChromium('the Configuration page of the console', () => {
  let site: CrossSite;
  let browser: Browser;
  const tabs: ConsoleTab[] = [];
  // The console's sign-in form signs in to the default tenant: its users, links and settings are used here.
  let tenant: TestTenant;
  let key: string;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite(), launchChromium()]);
    const { id } = await ensureDefaultTenant(site.app.deps.db);
    const [production, development] = await Promise.all([getEnvironment(site.app.deps.db, id, 'production'), getEnvironment(site.app.deps.db, id, 'development')]);
    tenant = { id, environments: { production: production.id, development: development.id } };
    ({ key } = await createTestKey(site.app.deps, tenant, 'development'));
  });
  afterAll(async () => {
    await updateEnvironmentSettings(
      site.app.deps,
      { actor: 'test', source: 'test' },
      { tenantId: tenant.id, environmentId: tenant.environments.development, environment: 'development' },
      { displayName: null, allowedOrigins: [] },
    );
    for (const tab of tabs) await tab.context.close();
    await browser?.close();
    await site?.close();
  });

  async function consoleAs(role: 'admin' | 'developer' | 'operator', colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const tab = await signedInConsole(browser, site.app, tenant.id, role, { colorScheme });
    tabs.push(tab);
    return tab.page;
  }
  async function openConfiguration(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Configuration' }).click();
    await page.getByRole('heading', { name: 'Flow' }).waitFor();
  }
  /** A development link of the default tenant, from the real create-link endpoint. */
  async function createLink(): Promise<string> {
    const res = await call(`${site.app.url}/v1/connect/create-link`, key, {
      method: 'POST',
      body: { end_user_email: 'hr@acme.example', end_user_organization_name: 'Acme GmbH' },
    });
    return res.body.data.link as string;
  }
  /** The CSP the flow page answers for a link (fetched from the app itself). */
  const flowCsp = async (link: string) => (await fetch(link.replace('//widget.test:', '//127.0.0.1:'))).headers.get('content-security-policy') ?? '';

  describe('as an admin in development', () => {
    it('changes the display name and the allowed origins, and the flow follows both', async () => {
      const page = await consoleAs('admin');
      await chooseEnvironment(page, 'development');
      await openConfiguration(page);
      expect(await axeViolations(page, 'configuration (admin, light)')).toStrictEqual([]);
      await page.getByLabel('Display name').fill('Lumen Payroll');
      await page.getByLabel('Allowed embedding origins (one per line)').fill(`${site.hostOrigin}\nhttps://admin.lumen.test`);
      await page.getByRole('button', { name: 'Save flow settings' }).click();
      await page.getByRole('status').filter({ hasText: 'Flow settings saved.' }).waitFor();

      const link = await createLink();
      expect((await flowCsp(link)).split('; ').find((d) => d.startsWith('frame-ancestors'))).toBe(`frame-ancestors ${site.hostOrigin} https://admin.lumen.test`);
      // The flow, opened in the same browser from the vendor's page, names the vendor as configured.
      const vendor = await page.context().newPage();
      await vendor.goto(`${site.hostOrigin}/`);
      await armLoader(vendor, link);
      await vendor.click('#connect');
      await flowIn(vendor).getByRole('heading', { name: 'Lumen Payroll asks for access to your data' }).waitFor();
      await vendor.close();
    });

    it('says in an alert why an origin is refused', async () => {
      const page = await consoleAs('admin');
      await chooseEnvironment(page, 'development');
      await openConfiguration(page);
      await page.getByLabel('Allowed embedding origins (one per line)').fill('https://app.lumen.test/connect');
      await page.getByRole('button', { name: 'Save flow settings' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toBe(
        "Invalid settings: allowed_origins has 'https://app.lumen.test/connect', which is not an exact origin such as https://app.example.com (scheme and host, no path).",
      );
    });
  });

  describe('as a developer in development', () => {
    it('turns a field off with the keyboard alone, and the page shows it off after a reload', async () => {
      const page = await consoleAs('developer', 'dark');
      await openConfiguration(page);
      expect(await axeViolations(page, 'configuration (developer, dark)')).toStrictEqual([]);
      // Keyboard only from the top of the page: open the fields of Employees, tab to ssn, turn it off, save.
      await tabUntil(page, (el) => el.tagName === 'SUMMARY' && el.textContent!.startsWith('Fields of Employees'));
      await page.keyboard.press('Enter');
      await tabUntil(page, (el) => el.getAttribute('name') === 'hris_employees.ssn');
      await page.keyboard.press('Space');
      await tabUntil(page, (el) => el.textContent === 'Save scopes');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Scopes saved.' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Flow' }).waitFor();
      expect([
        await page.getByText('Fields of Employees (1 off)').count(),
        await page.locator('input[name="hris_employees.ssn"]').isChecked(),
      ]).toStrictEqual([1, false]);
    });
  });

  describe('as an operator in production', () => {
    it('sees the configuration without any control', async () => {
      const page = await consoleAs('operator', 'dark');
      await openConfiguration(page);
      expect(await axeViolations(page, 'configuration (operator, dark)')).toStrictEqual([]);
      expect([
        await page.getByText('Your role may view this configuration, not change it.').count(),
        await page.locator('main input, main textarea, main select, main button').count(),
        await page.getByText('Allowed embedding origins').count(),
        await page.getByText('any site may embed the flow').count(),
      ]).toStrictEqual([1, 0, 1, 1]);
    });
  });
});

/** Presses Tab (at most 80 times) until the focused element matches. */
async function tabUntil(page: Page, matches: (el: Element) => boolean): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error('focus never reached the element');
}
