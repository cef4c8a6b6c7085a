import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type CrossSite, describeInChromium, launchChromium, startCrossSite } from '../helpers/browser.ts';
import { flowIn } from './flow-driver.ts';

/** Where the measured click-to-interactive times are written (bench/ reads them; budgets are never asserted here). */
const TIMINGS_FILE = path.resolve(import.meta.dirname, '../../test-results/widget-timings.json');
const RUNS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Arms the Connect button: on click, open() the link and record when the flow became interactive, i.e.
 * the flow's `ready` event or, for a flow already rendered while prefetched, the first frame after the
 * click (two animation frames: the reveal is painted).
 */
async function armTimed(page: Page, link: string): Promise<void> {
  await page.evaluate((link) => {
    const w = window as unknown as Record<string, unknown>;
    w.__interactiveAfter = null;
    document.getElementById('connect')!.onclick = () => {
      const clickedAt = performance.now();
      const done = () => (w.__interactiveAfter ??= performance.now() - clickedAt);
      window.Plugboard.open(link, { onEvent: (e) => e.type === 'ready' && done() }).catch(() => {});
      if (w.__prefetched) requestAnimationFrame(() => requestAnimationFrame(done));
    };
  }, link);
}

async function interactiveAfter(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { __interactiveAfter: number | null }).__interactiveAfter);
  return (await handle.jsonValue()) as number;
}

describeInChromium('click to interactive (measured, not asserted)', () => {
  let site: CrossSite;
  let browser: Browser;
  const timings: Record<string, number[]> = { cold: [], warmCache: [], prefetched: [] };

  beforeAll(async () => {
    [site, browser] = await Promise.all([startCrossSite(), launchChromium()]);
  });
  afterAll(async () => {
    const summary = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, { medianMs: Math.round(median(v)), runsMs: v.map(Math.round) }]));
    fs.mkdirSync(path.dirname(TIMINGS_FILE), { recursive: true });
    fs.writeFileSync(TIMINGS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    console.log('click to interactive tool list (ms):', JSON.stringify(summary));
    await browser?.close();
    await site?.close();
  });

  it('opens a cold flow (empty cache) once its first step is ready', async () => {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.hostOrigin}/`);
      await armTimed(page, await site.createLink());
      await page.click('#connect');
      timings.cold!.push(await interactiveAfter(page));
      await context.close();
    }
    expect(timings.cold).toHaveLength(RUNS);
  });

  it('opens a second flow from the browser cache', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (let i = 0; i <= RUNS; i++) {
      await page.goto(`${site.hostOrigin}/`);
      await armTimed(page, await site.createLink());
      await page.click('#connect');
      const ms = await interactiveAfter(page);
      if (i > 0) timings.warmCache!.push(ms);
    }
    await context.close();
    expect(timings.warmCache).toHaveLength(RUNS);
  });

  it('shows a prefetched flow without loading anything after the click', async () => {
    const afterClick: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.hostOrigin}/`);
      const link = await site.createLink();
      await page.evaluate((link) => {
        window.Plugboard.prefetch(link);
        (window as unknown as Record<string, unknown>).__prefetched = true;
      }, link);
      await flowIn(page).getByRole('searchbox').waitFor({ state: 'attached' });
      await armTimed(page, link);
      let clicked = false;
      page.on('request', (r) => clicked && afterClick.push(r.url()));
      clicked = true;
      await page.click('#connect');
      timings.prefetched!.push(await interactiveAfter(page));
      await flowIn(page).getByRole('searchbox').waitFor();
      await context.close();
    }
    expect(afterClick).toStrictEqual([]);
  });
});
