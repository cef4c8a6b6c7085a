import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createConnectorRuntime } from '../../server/connectors/http/runtime.ts';
import { setOAuthClient } from '../../server/domain/oauth-clients.ts';
import { call } from '../helpers/app.ts';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { type FactorialFake, startFactorialFake } from '../fakes/factorial-fake.ts';
import { armLoader, flowIn, outcome } from './flow-driver.ts';

describeInChromium('"Connect with Factorial": the OAuth popup against the fake (host.test embeds widget.test)', () => {
  let site: CrossSite;
  let browser: Browser;
  let fake: FactorialFake;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [site, browser, fake] = await Promise.all([startCrossSite(), launchChromium(), startFactorialFake({ employees: 5 })]);
    site.app.deps.connectorRuntime = createConnectorRuntime({ origins: { factorial: fake.url }, logger: site.app.deps.logger });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    page = await context.newPage();
    fake.denyConsent = false;
    fake.faults.delayMs = 0;
  });
  afterEach(async () => {
    await context.close();
  });

  /** A production link preselecting Factorial, with the operator's OAuth client set for its environment. */
  async function factorialLink(): Promise<string> {
    const link = await site.createLink({ environment: 'production', integration_tool: 'factorial' });
    const db = site.app.deps.db;
    const row = await db.selectFrom('connection_links').innerJoin('environments', 'environments.id', 'connection_links.environment_id')
      .select(['environments.tenant_id', 'environments.kind']).orderBy('connection_links.created_at', 'desc').executeTakeFirstOrThrow();
    await setOAuthClient(site.app.deps, { tenantId: row.tenant_id, environment: row.kind, tool: 'factorial', clientId: fake.clientId, clientSecret: fake.clientSecret });
    return link;
  }

  async function toOAuthStep(): Promise<ReturnType<typeof flowIn>> {
    await page.goto(`${site.hostOrigin}/`);
    await armLoader(page, await factorialLink());
    await page.click('#connect');
    const flow = flowIn(page);
    await flow.getByRole('button', { name: 'Agree and continue' }).click();
    await flow.getByRole('button', { name: 'Continue' }).click();
    await flow.getByRole('button', { name: 'Continue' }).click();
    await flow.getByRole('button', { name: 'Connect with Factorial' }).waitFor();
    return flow;
  }

  it('connects through the popup and hands the vendor a token that swaps for a Factorial integration', async () => {
    const flow = await toOAuthStep();
    const popup = context.waitForEvent('page');
    await flow.getByRole('button', { name: 'Connect with Factorial' }).click();
    await (await popup).waitForEvent('close');
    await flow.getByRole('button', { name: 'Done' }).click();
    const { token } = await outcome(page);
    const exchanged = await call(`${site.app.url}/v1/connect/integration-by-token/${token}`, site.apiKey('production'));
    expect([exchanged.status, exchanged.body.data.tool]).toStrictEqual([200, 'factorial']);
  });

  it('says so when the consent is denied, and the same button retries', async () => {
    const flow = await toOAuthStep();
    fake.denyConsent = true;
    await flow.getByRole('button', { name: 'Connect with Factorial' }).click();
    await flow.getByText('The access was not granted. You can try again and allow it.').waitFor();
    fake.denyConsent = false;
    await flow.getByRole('button', { name: 'Connect with Factorial' }).click();
    await flow.getByRole('button', { name: 'Done' }).waitFor();
  });

  it('says so when the popup is closed before it finished', async () => {
    const flow = await toOAuthStep();
    fake.faults.delayMs = 10_000;
    const popup = context.waitForEvent('page');
    await flow.getByRole('button', { name: 'Connect with Factorial' }).click();
    await (await popup).close();
    await flow.getByText('The sign-in window was closed before the connection completed. Try again when you are ready.').waitFor();
  });

  it('says so when the browser blocks the popup', async () => {
    await context.addInitScript(() => {
      window.open = () => null;
    });
    const flow = await toOAuthStep();
    await flow.getByRole('button', { name: 'Connect with Factorial' }).click();
    await flow.getByText('The sign-in window was blocked by your browser. Allow pop-ups for this page and try again.').waitFor();
  });
});
