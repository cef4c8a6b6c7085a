import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { setValue, start, submit } from '../../../../widget/app/state/flow.ts';
import { testFlow, VENDOR } from '../fixtures.ts';
import { renderAt, renderFlow } from './render.tsx';

/** On the credentials step with a valid form, the next connect answer scripted. */
async function submitted(answer?: Parameters<ReturnType<typeof testFlow>['api']['connects']['push']>[0], setup = {}) {
  const t = await renderAt('credentials', { setup });
  if (answer) t.api.connects.push(answer);
  setValue(t.flow, 'company_subdomain', 'acme');
  setValue(t.flow, 'api_key', 'k');
  return t;
}

describe('Loading', () => {
  it('shows a status while the session loads', () => {
    const { flow } = testFlow();
    renderFlow(flow);
    expect([screen.getByRole('heading', { level: 1 }).textContent, screen.getByRole('status').textContent]).toStrictEqual(['Connect your HR system', 'Loading…']);
  });
});

describe('Verifying', () => {
  it('announces that the credentials are being checked', async () => {
    const t = await submitted();
    let answer!: () => void;
    t.api.connect = (request) => {
      t.api.requests.push(request);
      return new Promise((resolve) => (answer = () => resolve({ ok: true, outcome: { outcome: 'connected', activation_token: 'a', tool: 'sandbox' } })));
    };
    const pending = submit(t.flow);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Checking your credentials'));
    const status = screen.getAllByRole('status').map((s) => s.textContent);
    answer();
    await pending;
    expect(status).toContain('Connecting to Sandbox. This can take a few seconds.');
  });
});

describe('Success', () => {
  it('says the tool is connected and hands over the token on Done', async () => {
    const t = await submitted();
    await submit(t.flow);
    await waitFor(() => screen.getByRole('button', { name: 'Done' }));
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect([screen.getByRole('heading', { level: 1 }).textContent, t.sent.at(-1)]).toStrictEqual([
      'Sandbox is connected',
      { type: 'success', data: { activation_token: 'act_123' } },
    ]);
  });

  it('ends on a success page, with nothing to close, for a magic link opened as a page', async () => {
    const t = await submitted(undefined, { display: 'page' });
    await submit(t.flow);
    await waitFor(() => screen.getByText('You can close this window and return to the app you came from. Your data appears there after the first sync.'));
    expect([screen.queryByRole('button', { name: 'Done' }), screen.queryByRole('button', { name: 'Close' }), screen.getByRole('main') !== null]).toStrictEqual([null, null, true]);
  });
});

describe('Success for a named vendor', () => {
  it('names the next step: back to the vendor', async () => {
    const t = await renderAt('credentials', { sessionOverrides: { vendor: { ...VENDOR, name: 'Acme HR' } } });
    setValue(t.flow, 'company_subdomain', 'acme');
    setValue(t.flow, 'api_key', 'k');
    await submit(t.flow);
    await waitFor(() => screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByText(/^Select Done to return to/).textContent).toBe('Select Done to return to Acme HR. Your data appears there after the first sync.');
  });

  it('says a reconnection updated the existing connection', async () => {
    const t = await renderAt('credentials', { sessionOverrides: { relink: { tool: 'sandbox' }, preselected_tool: 'sandbox' } });
    setValue(t.flow, 'company_subdomain', 'acme');
    setValue(t.flow, 'api_key', 'k');
    await submit(t.flow);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your Sandbox connection is updated'));
  });
});

describe('Failure', () => {
  it('gives the support reference and the vendor’s support contact', async () => {
    const vendor = { ...VENDOR, name: 'Acme HR', support_email: 'help@acme.test', support_url: 'https://acme.test/help' };
    const t = await renderAt('credentials', { sessionOverrides: { vendor } });
    t.api.connects.push({ ok: true, outcome: { outcome: 'remote_unavailable', message: 'Sandbox HR is not reachable.' }, reference: 'req-4711' });
    setValue(t.flow, 'company_subdomain', 'acme');
    setValue(t.flow, 'api_key', 'k');
    await submit(t.flow);
    await waitFor(() => screen.getByText('Support reference: req-4711'));
    expect([
      screen.getByRole('link', { name: 'help@acme.test' }).getAttribute('href'),
      screen.getByRole('link', { name: 'https://acme.test/help' }).getAttribute('href'),
      screen.getByText(/^Need help\?/).textContent,
    ]).toStrictEqual(['mailto:help@acme.test', 'https://acme.test/help', 'Need help? Contact Acme HR support: help@acme.test · https://acme.test/help']);
  });

  it('shows no support note without a reference or a contact', async () => {
    const t = await submitted({ ok: false, code: 'network', message: '' });
    await submit(t.flow);
    await waitFor(() => screen.getByRole('button', { name: 'Try again' }));
    expect(screen.queryByText(/Support reference|Need help/)).toBeNull();
  });

  it('says what failed, keeps the input and retries', async () => {
    const t = await submitted({ ok: true, outcome: { outcome: 'remote_unavailable', message: 'Sandbox HR is not reachable.' } });
    await submit(t.flow);
    await waitFor(() => screen.getByRole('button', { name: 'Try again' }));
    const shown = [screen.getByRole('heading', { level: 1 }).textContent, screen.getByRole('alert').textContent];
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(t.flow.store.getState().step).toBe('success'));
    expect([shown, t.api.requests.map((r) => r.credentials.api_key)]).toStrictEqual([
      ['We could not connect to Sandbox', 'Sandbox HR is not reachable.'],
      ['k', 'k'],
    ]);
  });

  it('goes back to the form', async () => {
    const t = await submitted({ ok: false, code: 'network', message: '' });
    await submit(t.flow);
    await waitFor(() => screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByRole('textbox', { name: 'Company subdomain' }) as HTMLInputElement).value).toBe('acme');
  });
});

describe('link problems', () => {
  it('says an expired link must be restarted from the vendor’s app', async () => {
    const { flow, api } = testFlow();
    api.sessions.push({ ok: false, code: 'link_expired', message: 'expired' });
    renderFlow(flow);
    await start(flow);
    await waitFor(() => screen.getByText('This link has expired'));
    fireEvent.click(screen.getAllByRole('button', { name: 'Close' }).at(-1)!);
    expect([screen.getByRole('alert').textContent, flow.store.getState().step]).toStrictEqual([
      'Go back to the app you came from and start the connection again to get a new link.',
      'expired',
    ]);
  });

  it('says a used link was already used', async () => {
    const { flow, api } = testFlow();
    api.sessions.push({ ok: false, code: 'link_used', message: 'used' });
    renderFlow(flow);
    await start(flow);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This link was already used'));
  });

  it('says an unknown link does not work', async () => {
    const { flow, api } = testFlow();
    api.sessions.push({ ok: false, code: 'link_invalid', message: 'invalid' });
    renderFlow(flow);
    await start(flow);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This link does not work'));
  });
});

describe('translations', () => {
  it('renders the link’s language', async () => {
    await renderAt('credentials', { sessionOverrides: { language: 'de' } });
    expect([screen.getByRole('button', { name: 'Verbinden' }) !== null, screen.getByText('Schritt 4 von 4') !== null]).toStrictEqual([true, true]);
  });
});
