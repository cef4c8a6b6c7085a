import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call } from '../helpers/app.ts';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { armLoader, connectAndFinish, events, fillSandbox, flowIn, focusedInFlow, outcome, pressToEndFlow, toSandboxForm, toToolList } from './flow-driver.ts';

describeInChromium('the connection flow across sites (host.test embeds widget.test)', () => {
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

  async function vendorPage(): Promise<void> {
    await page.goto(`${site.hostOrigin}/`);
  }

  describe('with our loader', () => {
    it('completes a Sandbox connection and the token swaps for the integration', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink());
      await page.click('#connect');
      const flow = flowIn(page);
      await toSandboxForm(flow);
      await fillSandbox(flow);
      await connectAndFinish(flow);
      const { token } = await outcome(page);
      const exchanged = await call(`${site.app.url}/v1/connect/integration-by-token/${token}`, site.apiKey());
      expect([exchanged.status, exchanged.body.data.tool, await page.locator('iframe').count()]).toStrictEqual([200, 'sandbox', 0]);
    });

    it('reports the flow as typed events', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink());
      await page.click('#connect');
      const flow = flowIn(page);
      await toSandboxForm(flow);
      await fillSandbox(flow);
      await connectAndFinish(flow);
      await outcome(page);
      expect(await events(page)).toStrictEqual([
        { type: 'opened' },
        { type: 'step_viewed', step: 'consent' },
        { type: 'ready' },
        { type: 'step_viewed', step: 'choose_tool' },
        { type: 'tool_selected', tool: 'sandbox' },
        { type: 'step_viewed', step: 'data_points' },
        { type: 'step_viewed', step: 'instructions' },
        { type: 'step_viewed', step: 'credentials' },
        { type: 'step_viewed', step: 'verifying' },
        { type: 'submitted', tool: 'sandbox' },
        { type: 'step_viewed', step: 'success' },
        { type: 'success' },
      ]);
    });

    it('shows the iframe from the widget origin with a title, over a locked page', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink());
      await page.click('#connect');
      await flowIn(page).getByRole('button', { name: 'Agree and continue' }).waitFor();
      const frame = page.locator('iframe');
      expect([new URL((await frame.getAttribute('src'))!).origin, await frame.getAttribute('title'), await page.evaluate(() => document.body.style.overflow)]).toStrictEqual([
        site.widgetOrigin,
        'Connect your HR system',
        'hidden',
      ]);
    });

    it('cancels with the close button: rejects cancelled, removes the iframe, restores overflow and focus', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink());
      await page.click('#connect');
      await flowIn(page).getByRole('button', { name: 'Close' }).click();
      const result = await outcome(page);
      const after = await page.evaluate(() => [document.querySelectorAll('iframe').length, document.body.style.overflow, document.activeElement?.id]);
      expect([result, after]).toStrictEqual([{ error: 'PlugboardError', code: 'cancelled' }, [0, 'scroll', 'connect']]);
    });

    it('ignores a forged success and close from another site’s frame', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink());
      await page.click('#connect');
      const flow = flowIn(page);
      await toToolList(flow);
      await page.evaluate((src) => {
        const evil = document.createElement('iframe');
        evil.src = src;
        evil.id = 'evil';
        document.body.append(evil);
        return new Promise((resolve) => (evil.onload = resolve));
      }, `${site.evilOrigin}/forge`);
      // The vendor page's own window forging it does not count either (right shape, wrong origin and window).
      await page.evaluate(() => window.postMessage({ type: 'success', data: { activation_token: 'forged-too' } }, '*'));
      await page.waitForTimeout(100);
      const stillOpen = await page.evaluate(() => [(window as unknown as { __result: unknown }).__result, document.querySelectorAll('iframe:not(#evil)').length]);
      await page.locator('iframe:not(#evil)').contentFrame().getByRole('button', { name: 'Sandbox' }).click();
      await page.evaluate(() => document.getElementById('evil')!.remove());
      await flow.getByRole('button', { name: 'Continue' }).click();
      await flow.getByRole('button', { name: 'Continue' }).click();
      await fillSandbox(flow);
      await connectAndFinish(flow);
      const { token } = await outcome(page);
      expect([stillOpen, token?.length, token === 'forged' || token === 'forged-too']).toStrictEqual([[null, 1], 40, false]);
    });

    it('renders inline in a container, sized to its content', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink(), { inline: true });
      await page.click('#connect');
      await toToolList(flowIn(page));
      await page.waitForFunction(() => (window as unknown as { __events: { type: string }[] }).__events.some((e) => e.type === 'resize'));
      const layout = await page.evaluate(() => {
        const frame = document.querySelector<HTMLIFrameElement>('#inline iframe')!;
        return { inContainer: !!frame, position: frame.style.position, overflow: document.body.style.overflow, height: frame.getBoundingClientRect().height };
      });
      expect(layout).toMatchObject({ inContainer: true, position: '', overflow: 'scroll' });
      expect(layout.height).toBeGreaterThan(200);
    });

    it('speaks the loader’s language for a link without one, fetching its texts on demand', async () => {
      const requested: string[] = [];
      page.on('request', (r) => requested.push(new URL(r.url()).pathname));
      await vendorPage();
      await armLoader(page, await site.createLink(), { language: 'de' });
      await page.click('#connect');
      await flowIn(page).getByRole('heading', { name: 'Eine App bittet um Zugriff auf Ihre Daten' }).waitFor();
      expect([requested.filter((p) => /\/flow\/assets\/(de|fr|it|es|nl|pt|pl)-/.test(p)).map((p) => p.split('/').pop()!.slice(0, 3))]).toStrictEqual([['de-']]);
    });

    it('speaks the link’s language without a loader option', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink({ language: 'it' }));
      await page.click('#connect');
      await flowIn(page).getByRole('heading', { name: 'Un’app chiede l’accesso ai tuoi dati' }).waitFor();
      expect(await flowIn(page).locator('html').getAttribute('lang')).toBe('it');
    });

    it('skips the tool picker for a preselected tool', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink({ integration_tool: 'sandbox' }));
      await page.click('#connect');
      await flowIn(page).getByRole('button', { name: 'Agree and continue' }).click();
      await flowIn(page).getByRole('heading', { name: 'Data Sandbox will share' }).waitFor();
      expect(await flowIn(page).getByText('Step 1 of 3').count()).toBe(1);
    });

    it('shows a wrong API key next to the field, keeping the input', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink());
      await page.click('#connect');
      const flow = flowIn(page);
      await toSandboxForm(flow);
      await fillSandbox(flow, 'invalid');
      await flow.getByRole('button', { name: 'Connect', exact: true }).click();
      await flow.getByRole('alert').filter({ hasText: /./ }).waitFor();
      expect([await flow.getByLabel(/^API key/).getAttribute('aria-invalid'), await flow.getByRole('textbox', { name: 'Company subdomain' }).inputValue()]).toStrictEqual([
        'true',
        'acme',
      ]);
    });
  });

  describe('keyboard only', () => {
    it('connects the Sandbox without a pointer', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink());
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      const flow = flowIn(page);
      const tabTo = async (name: string) => {
        for (let i = 0; i < 30; i++) {
          await page.keyboard.press('Tab');
          if ((await focusedInFlow(page)) === name) return;
        }
        throw new Error(`Tab never reached ${name}`);
      };
      await flow.getByRole('button', { name: 'Agree and continue' }).waitFor();
      await tabTo('Agree and continue');
      await page.keyboard.press('Enter');
      await flow.getByRole('searchbox').waitFor();
      await page.keyboard.type('sand');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await flow.getByRole('heading', { name: 'Data Sandbox will share' }).waitFor();
      await tabTo('Continue');
      await page.keyboard.press('Enter');
      await flow.getByRole('heading', { name: 'Get your Sandbox credentials' }).waitFor();
      await tabTo('Continue');
      await page.keyboard.press('Enter');
      await flow.getByRole('heading', { name: 'Connect Sandbox' }).waitFor();
      await flow.getByRole('textbox', { name: 'Company subdomain' }).waitFor();
      await tabTo('Help for Company subdomain');
      await page.keyboard.press('Tab');
      await page.keyboard.type('acme');
      await tabTo('Help for API key');
      await page.keyboard.press('Tab');
      await page.keyboard.type('sk-keyboard');
      await tabTo('Help for Company size');
      await page.keyboard.press('Tab');
      // Open the list, move to the first option (the smallest company connects fastest), pick it.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await tabTo('Connect');
      await page.keyboard.press('Enter');
      await flow.getByRole('button', { name: 'Done' }).waitFor();
      await expect.poll(() => focusedInFlow(page)).toBe('Done');
      await pressToEndFlow(page, 'Enter');
      const { token } = await outcome(page);
      const exchanged = await call(`${site.app.url}/v1/connect/integration-by-token/${token}`, site.apiKey());
      expect(exchanged.status).toBe(200);
    });

    it('closes with Escape and returns focus to the button', async () => {
      await vendorPage();
      await armLoader(page, await site.createLink());
      await page.focus('#connect');
      await page.keyboard.press('Enter');
      await flowIn(page).getByRole('button', { name: 'Agree and continue' }).waitFor();
      await expect.poll(() => focusedInFlow(page)).toBe('An app asks for access to your data');
      await pressToEndFlow(page, 'Escape');
      expect([await outcome(page), await page.evaluate(() => document.activeElement?.id)]).toStrictEqual([{ error: 'PlugboardError', code: 'cancelled' }, 'connect']);
    });
  });

});
