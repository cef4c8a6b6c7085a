import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type FrameLocator, type Page } from 'playwright-core';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { type Launched, launch } from './launch.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/chromium.ts';

/**
 * Steps a person takes in the demo, shared by the browser tests (test/e2e/demo*.test.ts) and
 * `npm run screenshots`, so the README's pictures show exactly what the tests check.
 */

/**
 * Headless Chromium for scripts (the tests use test/helpers/browser.ts): quiet, and resolving `*.test`
 * to loopback so Plugboard and the demo are two sites.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** The flow inside the demo page (the loader's iframe). */
export const flowFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Connect your HR system"]');

/** In the flow: agrees on the consent step, picks the Sandbox and walks to its credential form. */
export async function openSandboxForm(page: Page): Promise<FrameLocator> {
  const flow = flowFrame(page);
  await flow.getByRole('button', { name: 'Agree and continue' }).click();
  await flow.getByRole('button', { name: 'Sandbox' }).click();
  await flow.getByRole('button', { name: 'Continue' }).click();
  await flow.getByRole('button', { name: 'Continue' }).click();
  await flow.getByRole('textbox', { name: 'Company subdomain' }).waitFor();
  return flow;
}

/** Fills the Sandbox form (the other fields keep their defaults). */
export async function fillSandboxForm(flow: FrameLocator, credentials = { subdomain: 'globex', apiKey: 'sk-sandbox-demo' }): Promise<void> {
  await flow.getByRole('textbox', { name: 'Company subdomain' }).fill(credentials.subdomain);
  await flow.getByLabel(/^API key/).fill(credentials.apiKey);
}

/** Clicks "Connect your HR system" and completes the flow with the Sandbox. */
export async function connectSandbox(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect your HR system' }).click();
  const flow = await openSandboxForm(page);
  await fillSandboxForm(flow);
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await flow.getByRole('button', { name: 'Done' }).click();
}

/** The people table's rows once loaded (after the first sync). */
export async function waitForEmployees(page: Page): Promise<void> {
  await page.locator('table.people[aria-busy="false"] tbody tr').first().waitFor({ timeout: 30_000 });
}

/** Plugboard and the demo on a fresh data directory, on free ports, with `*.test` names for the two sites. */
export interface DemoSite {
  launched: Launched;
  dataDir: string;
  /** `http://lumen.test:<port>` (Chromium maps `*.test` to loopback, see test/helpers/browser.ts). */
  demoUrl: string;
  /** `http://plugboard.test:<port>`. */
  plugboardUrl: string;
  close(): Promise<void>;
}

/**
 * What `npm start` does, in-process: a fresh data directory (or `dataDir` to reuse one), Plugboard on
 * `plugboard.test` and the demo on `lumen.test`, two sites as in production.
 */
export async function startDemoSite(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugboard-demo-site-'))): Promise<DemoSite> {
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', DEMO_PORT: '0', HOST: '127.0.0.1', PUBLIC_URL: 'http://plugboard.test:0', LOG_LEVEL: 'silent' });
  const launched = await launch(config, createLogger('silent'));
  return {
    launched,
    dataDir,
    demoUrl: `http://lumen.test:${launched.demo.port}`,
    plugboardUrl: launched.server.deps.config.publicUrl,
    close: () => launched.stop(),
  };
}
