import type { FrameLocator, Page } from 'playwright-core';
import type { FlowLanguage } from '../../widget/protocol/flow-api.ts';

/** What the vendor page saw: the promise's outcome and the loader's events (with ms since the click). */
export interface HostOutcome {
  token?: string;
  error?: string;
  code?: string;
}

/** Loader options a test can pass through `page.evaluate` (no functions, no elements). */
export interface HostOptions {
  inline?: boolean;
  language?: FlowLanguage;
  theme?: { primaryColor?: string; colorScheme?: 'light' | 'dark' | 'system' };
}

/**
 * Makes the vendor page's "Connect" button open `link` with our loader (`window.Plugboard`) on click,
 * recording events and the outcome in `window.__events` / `window.__result`.
 */
export async function armLoader(page: Page, link: string, options: HostOptions = {}): Promise<void> {
  await page.evaluate(
    ([link, options]) => {
      const w = window as unknown as Record<string, unknown> & { __events: unknown[] };
      w.__events = [];
      w.__result = null;
      document.getElementById('connect')!.onclick = () => {
        const clickedAt = performance.now();
        w.__clickedAt = clickedAt;
        const container = options.inline ? document.getElementById('inline')! : undefined;
        window.Plugboard.open(link, {
          language: options.language,
          theme: options.theme,
          container,
          onEvent: (e) => w.__events.push({ ...e, at: performance.now() - clickedAt }),
        }).then(
          (token) => (w.__result = { token }),
          (error: { name: string; code?: string }) => (w.__result = { error: error.name, code: error.code }),
        );
      };
    },
    [link, options] as const,
  );
}

/** The same with the official `@kombo-api/connect` (`window.KomboConnect.showKomboConnect`). */
export async function armKombo(page: Page, link: string): Promise<void> {
  await page.evaluate((link) => {
    const w = window as unknown as Record<string, unknown>;
    w.__result = null;
    const kombo = (w.KomboConnect as { showKomboConnect(url: string): Promise<string> }).showKomboConnect;
    document.getElementById('connect')!.onclick = () => {
      kombo(link).then(
        (token) => (w.__result = { token }),
        (error: Error) => (w.__result = { error: error.name }),
      );
    };
  }, link);
}

/** Waits for the open() / showKomboConnect() promise to settle. */
export async function outcome(page: Page): Promise<HostOutcome> {
  const handle = await page.waitForFunction(() => (window as unknown as { __result: unknown }).__result, undefined, { timeout: 20_000 });
  return (await handle.jsonValue()) as HostOutcome;
}

/** The loader events so far, without timings. */
export async function events(page: Page): Promise<Record<string, unknown>[]> {
  const all = await page.evaluate(() => (window as unknown as { __events: Record<string, unknown>[] }).__events);
  return all.map(({ at: _at, ...e }) => e);
}

/** Where the flow renders: a frame of the vendor page, or the page itself (a magic link). */
export type FlowScope = FrameLocator | Page;

/** The flow inside the vendor page's (only) iframe. */
export const flowIn = (page: Page): FrameLocator => page.frameLocator('iframe');

/** Agrees on the consent step (the flow's first step by default) and waits for the tool list. */
export async function toToolList(flow: FlowScope): Promise<void> {
  await flow.getByRole('button', { name: 'Agree and continue' }).click();
  await flow.getByRole('searchbox').waitFor();
}

/** Agrees, picks the Sandbox and walks to its credential form. */
export async function toSandboxForm(flow: FlowScope): Promise<void> {
  await toToolList(flow);
  await flow.getByRole('button', { name: 'Sandbox' }).click();
  await flow.getByRole('button', { name: 'Continue' }).click();
  await flow.getByRole('button', { name: 'Continue' }).click();
  await flow.getByRole('textbox', { name: 'Company subdomain' }).waitFor();
}

/** Fills the Sandbox form's required fields. */
export async function fillSandbox(flow: FlowScope, apiKey = 'sk-test-1'): Promise<void> {
  await flow.getByRole('textbox', { name: 'Company subdomain' }).fill('acme');
  await flow.getByLabel(/^API key/).fill(apiKey);
}

/** Submits the form and presses Done on the success screen. */
export async function connectAndFinish(flow: FlowScope): Promise<void> {
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();
  await flow.getByRole('button', { name: 'Done' }).click();
}

/**
 * What has focus inside the flow's frame right now (its aria-label, else its text, else its type), or
 * '' when nothing there has focus. Never waits, unlike a `:focus` locator.
 */
export async function focusedInFlow(page: Page): Promise<string> {
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/flow'));
  if (!frame) return '';
  return frame.evaluate(() => {
    const el = document.hasFocus() ? document.activeElement : null;
    if (!el || el === document.body) return '';
    return el.getAttribute('aria-label') || el.textContent?.trim() || el.getAttribute('type') || '';
  });
}

/**
 * Presses a key that ends the flow (Enter on Done, Escape to close). The loader removes the flow's
 * frame as soon as it hears of it, possibly between key-down and key-up, and Chromium never acknowledges
 * a key event sent into a frame that is gone, so `keyboard.press` could hang. The key goes down in the
 * flow, then comes up on the host page once the frame has left.
 */
export async function pressToEndFlow(page: Page, key: 'Enter' | 'Escape'): Promise<void> {
  await page.keyboard.down(key);
  await page.locator('iframe[title="Connect your HR system"]').waitFor({ state: 'detached' });
  await page.keyboard.up(key);
}
