import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/chromium.ts';
import { fillSandbox, flowIn, toSandboxForm } from '../test/e2e/flow-driver.ts';
import { createDevKey, freePort, spawnTs, tempDir } from './lib/processes.ts';
import { fmt, type Row, stats } from './lib/table.ts';

const RUNS = 10;

/** A vendor page on another site that loads our loader and exposes a Connect button. */
function startHost(widgetOrigin: string): Promise<{ origin: string; close(): void }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vendor</title></head>
<body><button id="connect">Connect your HR system</button><script src="${widgetOrigin}/connect.js"></script></body></html>`);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://host.test:${(server.address() as AddressInfo).port}`,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      }),
    ),
  );
}

/** On click: open() the link and record ms until the flow is interactive (its `ready` event, or the next painted frame when prefetched). */
async function armTimed(page: Page, link: string, prefetched: boolean): Promise<void> {
  await page.evaluate(
    ([link, prefetched]) => {
      const w = window as unknown as Record<string, unknown> & { Plugboard: { open(l: string, o: object): Promise<string> } };
      w.__ms = null;
      document.getElementById('connect')!.onclick = () => {
        const clickedAt = performance.now();
        const done = () => (w.__ms ??= performance.now() - clickedAt);
        w.Plugboard.open(link, { onEvent: (e: { type: string }) => e.type === 'ready' && done() }).catch(() => {});
        if (prefetched) requestAnimationFrame(() => requestAnimationFrame(done));
      };
    },
    [link, prefetched] as const,
  );
}

const elapsed = async (page: Page) => (await (await page.waitForFunction(() => (window as unknown as { __ms: number | null }).__ms)).jsonValue()) as number;

const row = (what: string, values: number[], budget: string, limit: number | null): Row => {
  const s = stats(values);
  return {
    what,
    value: `median ${fmt(s.median)} ms (min ${fmt(s.min)}, max ${fmt(s.max)}, ${values.length} runs)`,
    budget,
    pass: limit === null ? null : s.median <= limit,
  };
};

/** Flow speed in headless Chromium on loopback against a real server process. */
export async function benchFlow(): Promise<Row[]> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    return [{ what: 'flow speed', value: `not measured: Chromium missing (apt-get install -y chromium)`, budget: '–', pass: false }];
  }
  const dataDir = tempDir('flow');
  const port = await freePort();
  const widgetOrigin = `http://widget.test:${port}`;
  const env = { DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: widgetOrigin, RATE_LIMIT_PER_MINUTE: '1000000' };
  const key = await createDevKey(env);
  const server = await spawnTs('server/index.ts', [], env, 'Plugboard listening');
  const host = await startHost(widgetOrigin);
  let browser: Browser | undefined;
  const createLink = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/connect/create-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ end_user_email: 'hr@acme.example', end_user_organization_name: 'Acme' }),
    });
    return ((await res.json()) as { data: { link: string } }).data.link;
  };
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const chromiumBrowser = browser;
    // tsx compiles with esbuild's keepNames, which wraps functions in a `__name` helper the page lacks.
    const newContext = async () => {
      const context = await chromiumBrowser.newContext();
      await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      return context;
    };
    const cold: number[] = [];
    const prefetched: number[] = [];
    const toForm: number[] = [];
    const toSuccess: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await newContext();
      const page = await context.newPage();
      await page.goto(`${host.origin}/`);
      await armTimed(page, await createLink(), false);
      await page.click('#connect');
      cold.push(await elapsed(page));
      const flow = flowIn(page);
      const started = Date.now();
      await toSandboxForm(flow);
      toForm.push(Date.now() - started);
      await fillSandbox(flow, 'bench-key');
      const submitted = Date.now();
      await flow.getByRole('button', { name: 'Connect', exact: true }).click();
      await flow.getByRole('button', { name: 'Done' }).waitFor();
      toSuccess.push(Date.now() - submitted);
      await context.close();
    }
    for (let i = 0; i < RUNS; i++) {
      const context = await newContext();
      const page = await context.newPage();
      await page.goto(`${host.origin}/`);
      const link = await createLink();
      await page.evaluate((link) => (window as unknown as { Plugboard: { prefetch(l: string): void } }).Plugboard.prefetch(link), link);
      await flowIn(page).getByRole('button', { name: 'Agree and continue' }).waitFor({ state: 'attached' });
      await armTimed(page, link, true);
      await page.click('#connect');
      prefetched.push(await elapsed(page));
      await context.close();
    }
    return [
      row('click to interactive tool list, cold (empty cache)', cold, '<= 250 ms', 250),
      row('click to interactive tool list, after prefetch()', prefetched, '<= 60 ms', 60),
      row('tool chosen to credentials form (two Continue clicks, driven by Playwright)', toForm, '–', null),
      row('submit to success screen (Sandbox, 250 employees)', toSuccess, '–', null),
    ];
  } finally {
    await browser?.close();
    host.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
