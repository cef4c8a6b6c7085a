import fs from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { consoleLink } from '../../server/domain/console/tokens.ts';
import { inviteUser } from '../../server/domain/console/users.ts';
import { ensureDefaultTenant } from '../../server/domain/tenants.ts';
import { ensureWidgetBuilt } from '../../server/widget-build.ts';
import { startApp, TEST_ACTOR, type TestApp } from '../helpers/app.ts';
import { describeInChromium, launchChromium } from '../helpers/browser.ts';
import { sharedStore } from '../helpers/stores.ts';

const AXE = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'a long console passphrase';

/** Serious and critical axe violations on the page, as `screen: rule (targets)`. */
async function violations(page: Page, screen: string): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as { id: string; impact: string; nodes: { target: string[] }[] }[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${screen}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The code an authenticator app shows `stepsAhead` 30-second steps from now. */
const totp = (secret: string, stepsAhead = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

describeInChromium('the console in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tenantId: string;

  beforeAll(async () => {
    await ensureWidgetBuilt();
    const store = await sharedStore('pglite');
    tenantId = (await ensureDefaultTenant(store.db)).id;
    [app, browser] = await Promise.all([startApp(store), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  async function invitationLink(email: string, role: 'admin' | 'developer' | 'operator' = 'admin'): Promise<string> {
    const { token } = await inviteUser(app.deps, TEST_ACTOR, { tenantId, email, role });
    return consoleLink(app.url, 'invitation', token);
  }

  async function signIn(email: string) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('takes a user from invitation to password, TOTP enrolment, sign-in with TOTP and with a recovery code, with no serious axe violation', async () => {
    const email = `admin-${Date.now()}@example.test`;
    const found: string[] = [];
    await page.goto(await invitationLink(email));
    await page.getByRole('heading', { name: 'Join Plugboard' }).waitFor();
    expect(await page.getByLabel('New password').getAttribute('autocomplete')).toBe('new-password');
    found.push(...(await violations(page, 'accept invitation')));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByText('Your password is set. Sign in with it.').waitFor();
    expect([await page.getByLabel('Email').getAttribute('autocomplete'), await page.getByLabel('Password').getAttribute('autocomplete')]).toStrictEqual(['username', 'current-password']);
    found.push(...(await violations(page, 'sign in')));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByLabel('Environment').locator('option').allTextContents()).toStrictEqual(['Production', 'Development']);
    found.push(...(await violations(page, 'overview')));
    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const secret = (await page.getByTestId('mfa-secret').textContent())!;
    expect(await page.getByRole('img', { name: 'QR code of the authenticator setup link' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Open in an authenticator app' }).getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
    found.push(...(await violations(page, 'MFA enrolment')));
    await page.getByLabel('Authentication code').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    // allTextContents() does not wait: the codes are read once the answer to "Turn on" has shown them.
    const recoveryCodes = page.getByRole('list', { name: 'Recovery codes' }).locator('code');
    await recoveryCodes.first().waitFor();
    const codes = await recoveryCodes.allTextContents();
    expect(codes).toHaveLength(10);
    found.push(...(await violations(page, 'recovery codes')));
    await page.getByRole('button', { name: 'I saved them' }).click();
    await page.getByText('Two-factor authentication is on for your account.').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(email);
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    expect(await page.getByLabel('Authentication code').getAttribute('autocomplete')).toBe('one-time-code');
    found.push(...(await violations(page, 'MFA challenge')));
    // The enrolment used this step's code; the next step's code is the one a user would type next.
    await page.getByLabel('Authentication code').fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(email);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(codes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Team' }).waitFor();
    found.push(...(await violations(page, 'users')));
    expect(found).toStrictEqual([]);
  }, 120_000);

  it('signs in and reaches the Users page with the keyboard alone', async () => {
    const email = `keys-${Date.now()}@example.test`;
    await page.goto(await invitationLink(email));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Your password is set. Sign in with it.').waitFor();
    await page.goto(`${app.url}/dashboard`);
    await page.getByRole('heading', { name: 'Sign in to Plugboard' }).waitFor();

    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Users'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(page.url()).toBe(`${app.url}/dashboard/users`);
  }, 60_000);

  it('shows a developer only the development environment and no Users page', async () => {
    const email = `dev-${Date.now()}@example.test`;
    await page.goto(await invitationLink(email, 'developer'));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Your password is set. Sign in with it.').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByLabel('Environment').locator('option').allTextContents()).toStrictEqual(['Development']);
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
  }, 60_000);
});
