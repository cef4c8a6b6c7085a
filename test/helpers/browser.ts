import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import type { Clock } from '../../server/domain/deps.ts';
import { ensureWidgetBuilt } from '../../server/widget-build.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from './app.ts';
import { sharedStore } from './stores.ts';
import type { FlowLanguage } from '../../widget/protocol/flow-api.ts';

export { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

export const chromiumInstalled = (): boolean => fs.existsSync(CHROMIUM_PATH);

/**
 * `describe` for tests that need real Chromium. Without it they FAIL under CI (with the install
 * command) and are reported as skipped locally; they never pass silently.
 */
export function describeInChromium(name: string, body: () => void): void {
  if (chromiumInstalled()) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (the browser tests cannot run without it).`);
      });
    });
  } else {
    describe.skip(`${name} (not run: Chromium missing, \`apt-get install -y chromium\`)`, body);
  }
}

/** Launches headless Chromium with {@link CHROMIUM_ARGS}. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Options of POST /v1/connect/create-link the browser tests vary. */
export interface LinkOptions {
  environment?: 'development' | 'production';
  link_type?: 'EMBEDDED' | 'MAGIC_LINK';
  language?: FlowLanguage;
  integration_tool?: string;
}

/** Two sites on loopback: the real app as `widget.test`, a vendor's pages as `host.test`, an attacker as `evil.test`. */
export interface CrossSite {
  app: TestApp;
  /** `http://widget.test:<port>`: PUBLIC_URL of the app (links, loader, flow). */
  widgetOrigin: string;
  /** `http://host.test:<port>`: the vendor page origin. */
  hostOrigin: string;
  /** `http://evil.test:<port>`: another site, same host server. */
  evilOrigin: string;
  /** A fresh link from the real create-link endpoint. */
  createLink(options?: LinkOptions): Promise<string>;
  /** The real API key of an environment (to exchange activation tokens). */
  apiKey(environment?: 'development' | 'production'): string;
  /** The tenant the keys belong to (to change its environments' settings). */
  tenant: TestTenant;
  close(): Promise<void>;
}

const KOMBO_UMD = path.resolve(import.meta.dirname, '../../node_modules/@kombo-api/connect/dist/index.js');

/** A vendor page that loads one script and exposes it; the test drives it with `page.evaluate`. */
function hostPage(widgetOrigin: string, kind: string): string {
  const script = kind === 'kombo' ? '/kombo-connect.js' : `${widgetOrigin}/connect.js`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vendor app</title>
<style>body{font-family:sans-serif} .tall{height:2000px}</style></head>
<body style="overflow: scroll"><main><h1>Vendor app</h1>
<button id="connect" type="button">Connect your HR system</button>
<div id="inline"></div><div class="tall"></div></main>
<script src="${script}"></script></body></html>`;
}

/** Starts the real app (publicUrl on widget.test) and the vendor/attacker page server. */
export async function startCrossSite(options: { clock?: Clock } = {}): Promise<CrossSite> {
  await ensureWidgetBuilt();
  const store = await sharedStore('pglite');
  const app = await startApp(store, { clock: options.clock });
  const widgetOrigin = app.url.replace('127.0.0.1', 'widget.test');
  app.deps.config.publicUrl = widgetOrigin;

  const host = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/forge') {
      // An attacker's frame: tries to end the vendor's flow with a forged token and a forged close.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><script>
        parent.postMessage({ type: 'success', data: { activation_token: 'forged' } }, '*');
        parent.postMessage({ type: 'close' }, '*');
        parent.postMessage({ type: 'plugboard', v: 1, event: { type: 'error', code: 'link_expired', message: 'forged' } }, '*');
        document.title = 'forged';
      </script>`);
    }
    if (url.pathname === '/kombo-connect.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(fs.readFileSync(KOMBO_UMD));
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(widgetOrigin, url.searchParams.get('lib') ?? 'plugboard'));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostPort = (host.address() as AddressInfo).port;

  const tenant = await createTestTenant(store);
  const keys = {
    development: (await createTestKey(app.deps, tenant, 'development')).key,
    production: (await createTestKey(app.deps, tenant, 'production')).key,
  };
  return {
    app,
    widgetOrigin,
    hostOrigin: `http://host.test:${hostPort}`,
    evilOrigin: `http://evil.test:${hostPort}`,
    apiKey: (environment = 'development') => keys[environment],
    tenant,
    async createLink({ environment = 'development', ...body }: LinkOptions = {}) {
      const res = await call(`${app.url}/v1/connect/create-link`, keys[environment], {
        method: 'POST',
        body: { end_user_email: 'hr@acme.example', end_user_organization_name: 'Acme GmbH', ...body },
      });
      if (res.status !== 200) throw new Error(`create-link answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body.data.link as string;
    },
    async close() {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
      await app.close();
    },
  };
}
