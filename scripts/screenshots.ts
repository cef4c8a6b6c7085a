import fs from 'node:fs';
import path from 'node:path';
import { connectSandbox, fillSandboxForm, launchBrowser, openSandboxForm, startDemoSite, waitForEmployees } from './demo-driver.ts';

const OUT = path.resolve(import.meta.dirname, '../docs/images');

/**
 * `npm run screenshots`: regenerates the README's pictures by driving Chromium through the same steps
 * as the demo's browser tests, on a fresh data directory: the flow (docs/images/flow.png) and the
 * connected demo (docs/images/demo-connected.png).
 */
async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const [site, browser] = await Promise.all([startDemoSite(), launchBrowser()]);
  try {
    const flowPage = await browser.newPage({ viewport: { width: 1040, height: 720 } });
    await flowPage.goto(site.demoUrl);
    await flowPage.getByRole('button', { name: 'Connect your HR system' }).click();
    await fillSandboxForm(await openSandboxForm(flowPage));
    // Let the focus ring and fonts settle so the picture is stable between runs.
    await flowPage.waitForTimeout(300);
    await flowPage.screenshot({ path: path.join(OUT, 'flow.png') });
    await flowPage.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    await page.goto(site.demoUrl);
    await connectSandbox(page);
    await waitForEmployees(page);
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, 'demo-connected.png') });
  } finally {
    await browser.close();
    await site.close();
    fs.rmSync(site.dataDir, { recursive: true, force: true });
  }
  for (const file of ['flow.png', 'demo-connected.png']) {
    const { size } = fs.statSync(path.join(OUT, file));
    process.stdout.write(`${path.relative(process.cwd(), path.join(OUT, file))}  ${(size / 1024).toFixed(0)} KB\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
