import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ConsoleRole } from '../../server/domain/console/policy.ts';
import { addConsoleUser, PASSWORD } from '../server/console/console-client.ts';
import { ensureWidgetBuilt } from '../../server/widget-build.ts';
import type { TestApp } from './app.ts';

/** A signed-in console tab: its page, its context (close it after the test) and the user's email. */
export interface ConsoleTab {
  page: Page;
  context: BrowserContext;
  email: string;
}

/**
 * Creates a console user with `role` in `tenantId` (as an accepted invitation does), opens the
 * console in a fresh context and signs in through the sign-in form, ending on the Overview page.
 */
export async function signedInConsole(
  browser: Browser,
  app: TestApp,
  tenantId: string,
  role: ConsoleRole,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<ConsoleTab> {
  await ensureWidgetBuilt(); // the console's bundle is built with the widget's
  const { email } = await addConsoleUser(app.deps, tenantId, role);
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1200, height: 850 }, colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  await page.goto(`${app.url}/dashboard`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  return { page, context, email };
}

/** Chooses the console's environment in the sidebar switcher. */
export async function chooseEnvironment(page: Page, environment: 'production' | 'development'): Promise<void> {
  await page.getByLabel('Environment').selectOption(environment);
}
