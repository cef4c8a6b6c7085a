import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { start } from '../../../../widget/app/state/flow.ts';
import type { FlowSession } from '../../../../widget/protocol/flow-api.ts';
import { eventsOf, session, testFlow, VENDOR } from '../fixtures.ts';
import { renderFlow } from './render.tsx';

const ACME = { ...VENDOR, name: 'Acme HR', logo_url: 'https://cdn.acme.test/logo.svg', privacy_policy_url: 'https://acme.test/privacy' };

/** A flow started on a session that asks for consent, rendered. */
async function consentFlow(overrides: Partial<FlowSession> = {}, setup = {}) {
  const t = testFlow(setup);
  t.api.sessions.push({ ok: true, session: session({ consent_required: true, vendor: ACME, ...overrides }) });
  renderFlow(t.flow);
  await start(t.flow);
  await waitFor(() => screen.getByRole('button', { name: 'Agree and continue' }));
  return t;
}

describe('Consent', () => {
  describe('with a branded environment', () => {
    it('opens the flow, naming the vendor, the organisation, what, why and how, and reports the step', async () => {
      const t = await consentFlow();
      expect([
        screen.getByRole('heading', { level: 1 }).textContent,
        screen.getByText(/^For Acme GmbH/).textContent,
        screen.getAllByRole('term').map((el) => el.textContent),
        screen.getByText(/^Your credentials/).textContent,
        eventsOf(t.sent),
      ]).toStrictEqual([
        'Acme HR asks for access to your data',
        'For Acme GmbH. Here is what connecting means.',
        ['What is shared', 'Why', 'How it is protected'],
        'Your credentials are encrypted in transit and at rest and never shown to Acme HR. You can end the connection at any time.',
        [{ type: 'step_viewed', step: 'consent' }],
      ]);
    });

    it('links the vendor’s privacy policy in a new tab', async () => {
      await consentFlow();
      const link = screen.getByRole('link', { name: 'Privacy policy of Acme HR (new tab)' });
      expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toStrictEqual(['https://acme.test/privacy', '_blank', 'noopener noreferrer']);
    });

    it('shows the vendor’s name and logo above the step', async () => {
      const { container } = { container: document.body };
      await consentFlow();
      const brand = container.querySelector('.pb-vendor')!;
      expect([brand.textContent, brand.querySelector('img')?.getAttribute('src'), brand.querySelector('img')?.getAttribute('alt')]).toStrictEqual([
        'Acme HR',
        'https://cdn.acme.test/logo.svg',
        '',
      ]);
    });
  });

  describe('without branding', () => {
    it('speaks of the app the customer came from and has no privacy link', async () => {
      await consentFlow({ vendor: VENDOR });
      expect([screen.getByRole('heading', { level: 1 }).textContent, screen.queryByRole('link'), document.querySelector('.pb-vendor')]).toStrictEqual([
        'An app asks for access to your data',
        null,
        null,
      ]);
    });
  });

  describe('agreeing', () => {
    it('leads to the tool picker, whose Back returns to the consent', async () => {
      const t = await consentFlow();
      fireEvent.click(screen.getByRole('button', { name: 'Agree and continue' }));
      const afterAgree = t.flow.store.getState().step;
      fireEvent.click(screen.getByRole('button', { name: 'Back' }));
      expect([afterAgree, t.flow.store.getState().step]).toStrictEqual(['choose_tool', 'consent']);
    });

    it('leads straight to the data points of a preselected tool, and back', async () => {
      const t = await consentFlow({ preselected_tool: 'sandbox' });
      fireEvent.click(screen.getByRole('button', { name: 'Agree and continue' }));
      const afterAgree = t.flow.store.getState();
      fireEvent.click(screen.getByRole('button', { name: 'Back' }));
      expect([afterAgree.step, afterAgree.toolId, t.flow.store.getState().step]).toStrictEqual(['data_points', 'sandbox', 'consent']);
    });
  });

  describe('for a reconnection', () => {
    it('says it updates the existing connection', async () => {
      await consentFlow({ preselected_tool: 'sandbox', relink: { tool: 'sandbox' } });
      expect(screen.getByText(/^This updates/).textContent).toBe(
        'This updates your existing Sandbox connection for Acme GmbH: the new credentials replace the old ones.',
      );
    });
  });

  describe('on the hosted page (magic link)', () => {
    it('says who secures it', async () => {
      await consentFlow({}, { display: 'page' });
      expect(screen.getByText('Secured by Plugboard')).not.toBeNull();
    });
  });
});

describe('without consent (the environment skips it for a preselected tool)', () => {
  it('opens on the data points, with no way back', async () => {
    const t = testFlow();
    t.api.sessions.push({ ok: true, session: session({ consent_required: false, preselected_tool: 'sandbox' }) });
    renderFlow(t.flow);
    await start(t.flow);
    await waitFor(() => screen.getByRole('button', { name: 'Continue' }));
    expect([t.flow.store.getState().step, screen.queryByRole('button', { name: 'Back' })]).toStrictEqual(['data_points', null]);
  });
});
