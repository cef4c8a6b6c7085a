import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { updateEnvironmentSettings } from '../../server/domain/environment-settings.ts';
import { en as serverEnglish } from '../../server/i18n/en.ts';
import { SERVER_CATALOGUES } from '../../server/i18n/translate.ts';
import { en as chromeEnglish } from '../../widget/app/i18n/en.ts';
import { LANGUAGES } from '../../widget/app/i18n/i18n.ts';
import type { FlowLanguage } from '../../widget/protocol/flow-api.ts';
import { axeViolations } from '../helpers/axe.ts';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { armLoader, type HostOptions } from './flow-driver.ts';

/** The chrome catalogues, loaded the way the tests read them (the flow itself loads one per session). */
const CHROME: Record<FlowLanguage, Record<string, string>> = {
  en: chromeEnglish,
  de: (await import('../../widget/app/i18n/de.ts')).de,
  fr: (await import('../../widget/app/i18n/fr.ts')).fr,
  it: (await import('../../widget/app/i18n/it.ts')).it,
  es: (await import('../../widget/app/i18n/es.ts')).es,
  nl: (await import('../../widget/app/i18n/nl.ts')).nl,
  pt: (await import('../../widget/app/i18n/pt.ts')).pt,
  pl: (await import('../../widget/app/i18n/pl.ts')).pl,
};

/**
 * English fragments that must never show in `language`: the literal pieces (8+ characters, between
 * `{parameters}`) of every English chrome and server text, except pieces the language's own texts
 * contain too (brand names, URLs, magic values).
 */
function englishFragments(language: FlowLanguage): string[] {
  const own = [...Object.values(CHROME[language]), ...Object.values(SERVER_CATALOGUES[language])].join('\n');
  const english = [...Object.values(chromeEnglish), ...Object.values(serverEnglish)];
  const pieces = english.flatMap((text) => text.split(/\{\w+\}/).map((p) => p.trim()));
  return [...new Set(pieces.filter((p) => p.length >= 8 && !own.includes(p)))];
}

const box = async (scope: FrameLocator, selector: string) => (await scope.locator(selector).first().boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describeInChromium('the flow in every language, its dialog, help, data points and tool grid (host.test embeds widget.test)', () => {
  let site: CrossSite;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite(), launchChromium()]);
    await configure({ missingToolUrl: 'mailto:tools@acme.test', skipConsentForPreselected: false });
  });
  afterAll(async () => {
    await configure({ missingToolUrl: null });
    await browser?.close();
    await site?.close();
  });
  afterEach(async () => {
    await context?.close();
  });

  function configure(change: Record<string, unknown>) {
    return updateEnvironmentSettings(
      site.app.deps,
      { actor: 'test', source: 'test' },
      { tenantId: site.tenant.id, environmentId: site.tenant.environments.development, environment: 'development' },
      change,
    );
  }

  async function openFlow(link: string, options: HostOptions & { width?: number; locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
    context = await browser.newContext({
      viewport: { width: options.width ?? 1000, height: 760 },
      locale: options.locale ?? 'en-US',
      colorScheme: options.colorScheme ?? 'light',
    });
    page = await context.newPage();
    await page.goto(`${site.hostOrigin}/`);
    await armLoader(page, link, options);
    await page.click('#connect');
    return page.frameLocator('iframe');
  }

  const frame = (): Frame => page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/flow'))!;
  const visibleText = () => frame().evaluate(() => document.body.innerText);

  describe.each(LANGUAGES.filter((l) => l !== 'en'))('with a link in %s', (language) => {
    it('shows every step, tool text and error in that language and none in English', async () => {
      const t = CHROME[language];
      const s = SERVER_CATALOGUES[language];
      const flow = await openFlow(await site.createLink({ language }));
      const seen: string[] = [];
      const step = async (heading: string) => {
        await flow.getByRole('heading', { level: 1, name: heading }).waitFor();
        seen.push(await visibleText());
      };
      await step(t.consentTitleAnonymous!);
      await flow.getByRole('button', { name: t.consentAccept }).click();
      await step(t.chooseTitle_HRIS!);
      await flow.getByRole('button', { name: 'Sandbox' }).click();
      await flow.locator('.pb-details summary').click();
      await step(t.dataTitle!.replace('{tool}', 'Sandbox'));
      await flow.getByRole('button', { name: t.continue }).click();
      await step(t.instructionsTitle!.replace('{tool}', 'Sandbox'));
      await flow.getByRole('button', { name: t.continue }).click();
      await step(t.credentialsTitle!.replace('{tool}', 'Sandbox'));
      await flow.getByRole('textbox', { name: s['sandbox.subdomain'] }).fill('acme');
      await flow.locator('#pb-field-api_key').fill('invalid');
      await flow.getByRole('button', { name: t.connect, exact: true }).click();
      await flow.getByText(s['verify.invalid']).waitFor();
      seen.push(await visibleText());
      const text = seen.join('\n');
      expect([
        englishFragments(language).filter((fragment) => text.includes(fragment)),
        [s['data.hris_employees'], s['sandbox.step1'], s['sandbox.size'], s['sandbox.rejected'], t.missingTool].filter((x) => !text.includes(x!)),
        await frame().evaluate(() => document.documentElement.lang),
      ]).toStrictEqual([[], [], language]);
    });
  });

  describe('with a link that names no language', () => {
    it('speaks the loader’s option over the browser’s, and the browser’s without one, on the hosted page too', async () => {
      const link = await site.createLink();
      const byLoader = await openFlow(link, { language: 'pt', locale: 'de-DE' });
      await byLoader.getByRole('button', { name: CHROME.pt.consentAccept }).waitFor();
      await context.close();
      const byBrowser = await openFlow(await site.createLink(), { locale: 'nl-NL' });
      await byBrowser.getByRole('button', { name: CHROME.nl.consentAccept }).waitFor();
      await context.close();
      context = await browser.newContext({ locale: 'pl-PL' });
      page = await context.newPage();
      await page.goto(await site.createLink({ link_type: 'MAGIC_LINK' }));
      await page.getByRole('button', { name: CHROME.pl.consentAccept }).waitFor();
      expect(await page.getByText(CHROME.pl.securedBy!).count()).toBe(1);
    });

    it('keeps a link’s own language over the loader’s and the browser’s', async () => {
      const flow = await openFlow(await site.createLink({ language: 'it' }), { language: 'pt', locale: 'de-DE' });
      await flow.getByRole('button', { name: CHROME.it.consentAccept }).waitFor();
      expect(await frame().evaluate(() => document.documentElement.lang)).toBe('it');
    });
  });

  describe.each([
    ['desktop', 1000, 'light'],
    ['320 px', 320, 'dark'],
  ] as const)('on %s (%s)', (_name, width, colorScheme) => {
    it('keeps the dialog’s box on every step, keeps help off its field, reaches Continue in 3 Tabs and passes axe', async () => {
      const flow = await openFlow(await site.createLink(), { width, colorScheme });
      const boxes: string[] = [];
      const violations: string[] = [];
      const record = async (name: string) => {
        const b = await box(flow, '.pb-dialog');
        boxes.push(`${name}: ${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}x${Math.round(b.height)}`);
        violations.push(...(await axeViolations(frame(), `${name} ${width} ${colorScheme}`)));
      };
      await flow.getByRole('button', { name: 'Agree and continue' }).click();
      await flow.getByRole('searchbox').waitFor();
      const order = await flow.locator('.pb-tool').allTextContents();
      const headings = await flow.locator('#pb-tools h2').allTextContents();
      const missing = await flow.getByRole('link', { name: 'Tell the app you came from which one you use' }).getAttribute('href');
      await record('tool grid');
      await flow.getByRole('button', { name: 'Sandbox' }).click();
      await flow.getByRole('heading', { name: 'Data Sandbox will share' }).waitFor();
      let tabs = 0;
      while (tabs < 6 && (await frame().evaluate(() => document.activeElement?.textContent)) !== 'Continue') {
        await page.keyboard.press('Tab');
        tabs++;
      }
      await flow.locator('.pb-details summary').click();
      await record('data points');
      await flow.getByRole('button', { name: 'Continue' }).click();
      await flow.getByRole('heading', { name: 'Get your Sandbox credentials' }).waitFor();
      await record('instructions');
      await flow.getByRole('button', { name: 'Continue' }).click();
      await flow.getByRole('textbox', { name: 'Company subdomain' }).waitFor();
      const covered: string[] = [];
      for (const [field, input] of [
        ['Company subdomain', '#pb-field-company_subdomain'],
        ['API key', '#pb-field-api_key'],
      ] as const) {
        await flow.getByRole('button', { name: `Help for ${field}` }).focus();
        await flow.locator('[role="tooltip"][data-placed]').waitFor();
        if (overlaps(await box(flow, '[role="tooltip"]:not([hidden])'), await box(flow, input))) covered.push(field);
      }
      await record('credentials with help open');
      expect({ order: order.slice(0, 3), headings, missing, tabs, boxes: new Set(boxes.map((b) => b.split(': ')[1])).size, covered, violations }).toStrictEqual({
        order: ['Personio', 'BambooHR', 'HiBob'],
        headings: ['Popular', 'All tools'],
        missing: 'mailto:tools@acme.test',
        tabs: expect.any(Number),
        boxes: 1,
        covered: [],
        violations: [],
      });
      expect(tabs).toBeLessThanOrEqual(3);
    });
  });
});
