import {
  backTarget,
  cancelClose,
  confirmClose,
  finish,
  goBack,
  goNext,
  markReady,
  requestClose,
  retry,
  selectTool,
  setQuery,
  setValue,
  start,
  submit,
} from '../../../widget/app/state/flow.ts';
import { BACK, NEXT } from '../../../widget/app/state/steps.ts';
import { eventsOf, session, testFlow } from './fixtures.ts';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

/** A flow on the credentials step of the Sandbox. */
async function atCredentials(environment: 'development' | 'production' = 'development') {
  const t = testFlow();
  t.api.sessions.push({ ok: true, session: session({ environment }) });
  await start(t.flow);
  selectTool(t.flow, 'sandbox');
  goNext(t.flow);
  goNext(t.flow);
  return t;
}

function fillValid(flow: ReturnType<typeof testFlow>['flow']) {
  setValue(flow, 'company_subdomain', 'acme');
  setValue(flow, 'api_key', 'secret-1');
}

describe('step tables', () => {
  it('lead back from every step NEXT leads to', () => {
    for (const [from, to] of Object.entries(NEXT)) expect(BACK[to!]).toBe(from);
  });
});

describe('start', () => {
  it('shows the tool picker and reports the step', async () => {
    const { flow, sent } = testFlow();
    await start(flow);
    expect(flow.store.getState().step).toBe('choose_tool');
    expect(eventsOf(sent)).toStrictEqual([{ type: 'step_viewed', step: 'choose_tool' }]);
  });

  it('skips the picker for a preselected tool, with no way back to it', async () => {
    const { flow, api } = testFlow();
    api.sessions.push({ ok: true, session: session({ preselected_tool: 'sandbox' }) });
    await start(flow);
    expect(flow.store.getState()).toMatchObject({ step: 'data_points', toolId: 'sandbox' });
    expect(backTarget(flow.store.getState())).toBeNull();
  });

  it('uses the link language', async () => {
    const { flow, api } = testFlow();
    api.sessions.push({ ok: true, session: session({ language: 'fr' }) });
    await start(flow);
    expect(flow.store.getState().language).toBe('fr');
    expect(flow.store.getState().messages.back).toBe('Retour');
  });

  it('loads the loader’s language alongside the session when the server speaks it', async () => {
    const { flow, api, locales } = testFlow();
    api.sessions.push({ ok: true, session: session({ language: 'pl' }) });
    await start(flow, 'pl');
    expect([locales, flow.store.getState().language, flow.store.getState().messages.back]).toStrictEqual([['pl'], 'pl', 'Wstecz']);
  });

  it('keeps the language the server chose (the link’s own) over the loader’s', async () => {
    const { flow, api, locales } = testFlow();
    api.sessions.push({ ok: true, session: session({ language: 'fr' }) });
    await start(flow, 'de');
    expect([locales, flow.store.getState().language]).toStrictEqual([['de', 'fr'], 'fr']);
  });

  it('speaks the loader’s language over the browser’s on a link problem', async () => {
    const { flow, api, locales } = testFlow();
    api.sessions.push({ ok: false, code: 'link_expired', message: 'expired' });
    await start(flow, 'nl', 'fr');
    expect([locales, flow.store.getState().language]).toStrictEqual([['nl'], 'nl']);
  });

  it('shows the expired step and reports link_expired', async () => {
    const { flow, api, sent } = testFlow();
    api.sessions.push({ ok: false, code: 'link_expired', message: 'This connection link has expired.' });
    await start(flow);
    expect(flow.store.getState().step).toBe('expired');
    expect(eventsOf(sent)).toStrictEqual([
      { type: 'step_viewed', step: 'expired' },
      { type: 'error', code: 'link_expired', message: 'This connection link has expired.' },
    ]);
  });

  it('speaks the browser’s language on a link problem (there is no link language)', async () => {
    const { flow, api, locales } = testFlow();
    api.sessions.push({ ok: false, code: 'link_used', message: 'used' });
    await start(flow, null, 'fr');
    expect([locales, flow.store.getState().language]).toStrictEqual([['fr'], 'fr']);
  });

  it('keeps the link’s language over the browser’s', async () => {
    const { flow, api, locales } = testFlow();
    api.sessions.push({ ok: true, session: session({ language: 'it' }) });
    await start(flow, null, 'fr');
    expect(locales).toStrictEqual(['it']);
  });

  it('shows the invalid step for a used link', async () => {
    const { flow, api } = testFlow();
    api.sessions.push({ ok: false, code: 'link_used', message: 'used' });
    await start(flow);
    expect(flow.store.getState()).toMatchObject({ step: 'invalid', problem: { code: 'link_used', message: 'used' } });
  });

  it('shows the failure step when the network fails, and retry loads again', async () => {
    const { flow, api } = testFlow();
    api.sessions.push({ ok: false, code: 'network', message: '' });
    await start(flow);
    expect(flow.store.getState().step).toBe('failure');
    await retry(flow);
    expect(flow.store.getState().step).toBe('choose_tool');
  });
});

describe('choosing a tool', () => {
  it('moves to its data points and reports the tool', async () => {
    const { flow, sent } = testFlow();
    await start(flow);
    selectTool(flow, 'sandbox');
    expect(flow.store.getState()).toMatchObject({ step: 'data_points', toolId: 'sandbox' });
    expect(eventsOf(sent).slice(1)).toStrictEqual([
      { type: 'tool_selected', tool: 'sandbox' },
      { type: 'step_viewed', step: 'data_points' },
    ]);
  });

  it('starts from the select defaults', async () => {
    const { flow } = testFlow();
    await start(flow);
    selectTool(flow, 'sandbox');
    expect(flow.store.getState().values).toStrictEqual({ company_size: '250' });
  });

  it('ignores a tool the session does not offer', async () => {
    const { flow } = testFlow();
    await start(flow);
    selectTool(flow, 'workday');
    expect(flow.store.getState()).toMatchObject({ step: 'choose_tool', toolId: null });
  });

  it('keeps the search query', async () => {
    const { flow } = testFlow();
    await start(flow);
    setQuery(flow, 'pers');
    expect(flow.store.getState().query).toBe('pers');
  });

  it('cannot continue without a tool', async () => {
    const { flow } = testFlow();
    await start(flow);
    goNext(flow);
    expect(flow.store.getState().step).toBe('choose_tool');
  });
});

describe('moving back and forth', () => {
  it('walks data points, instructions, credentials and back again', async () => {
    const { flow } = testFlow();
    await start(flow);
    selectTool(flow, 'sandbox');
    const seen = [flow.store.getState().step];
    goNext(flow);
    seen.push(flow.store.getState().step);
    goNext(flow);
    seen.push(flow.store.getState().step);
    goBack(flow);
    seen.push(flow.store.getState().step);
    goBack(flow);
    seen.push(flow.store.getState().step);
    goBack(flow);
    seen.push(flow.store.getState().step);
    expect(seen).toStrictEqual(['data_points', 'instructions', 'credentials', 'instructions', 'data_points', 'choose_tool']);
  });

  it('keeps typed input when going back and forward', async () => {
    const { flow } = await atCredentials();
    setValue(flow, 'api_key', 'typed');
    goBack(flow);
    goNext(flow);
    expect(flow.store.getState().values.api_key).toBe('typed');
  });

  it('restores a tool’s input after choosing it again', async () => {
    const { flow } = await atCredentials();
    setValue(flow, 'seed', 'demo-1');
    goBack(flow);
    goBack(flow);
    goBack(flow);
    selectTool(flow, 'personio');
    selectTool(flow, 'sandbox');
    expect(flow.store.getState().values.seed).toBe('demo-1');
  });
});

describe('saving input', () => {
  it('writes development input to localStorage, keyed by tool and field', async () => {
    const { flow } = await atCredentials('development');
    setValue(flow, 'company_subdomain', 'acme');
    expect(localStorage.getItem('plugboard:v1:sandbox:company_subdomain')).toBe('acme');
    expect(sessionStorage.length).toBe(0);
  });

  it('writes production input to sessionStorage', async () => {
    const { flow } = await atCredentials('production');
    setValue(flow, 'company_subdomain', 'acme');
    expect(sessionStorage.getItem('plugboard:v1:sandbox:company_subdomain')).toBe('acme');
    expect(localStorage.length).toBe(0);
  });

  it('restores saved input in a new flow (a reload)', async () => {
    const first = await atCredentials();
    setValue(first.flow, 'api_key', 'kept');
    const second = await atCredentials();
    expect(second.flow.store.getState().values.api_key).toBe('kept');
  });

  it('clears a field’s error as it is fixed', async () => {
    const { flow } = await atCredentials();
    await submit(flow);
    setValue(flow, 'api_key', 'x');
    expect(Object.keys(flow.store.getState().fieldErrors)).toStrictEqual(['company_subdomain']);
  });
});

describe('submit', () => {
  it('stops at the form when required fields are empty, without calling the server', async () => {
    const { flow, api } = await atCredentials();
    await submit(flow);
    expect(api.requests).toStrictEqual([]);
    expect(flow.store.getState()).toMatchObject({
      step: 'credentials',
      attempt: 1,
      fieldErrors: { company_subdomain: 'Enter Company subdomain.', api_key: 'Enter API key.' },
    });
  });

  it('rejects a subdomain with dots', async () => {
    const { flow } = await atCredentials();
    fillValid(flow);
    setValue(flow, 'company_subdomain', 'acme.example.com');
    await submit(flow);
    expect(flow.store.getState().fieldErrors).toStrictEqual({ company_subdomain: 'Use only letters, digits and hyphens, without dots or slashes.' });
  });

  it('sends trimmed, non-blank values and succeeds', async () => {
    const { flow, api, sent } = await atCredentials();
    setValue(flow, 'company_subdomain', ' acme ');
    setValue(flow, 'api_key', 'secret-1');
    await submit(flow);
    expect(api.requests).toStrictEqual([{ tool: 'sandbox', credentials: { company_subdomain: 'acme', api_key: 'secret-1', company_size: '250' } }]);
    expect(flow.store.getState()).toMatchObject({ step: 'success', activationToken: 'act_123' });
    expect(eventsOf(sent).slice(-3)).toStrictEqual([
      { type: 'step_viewed', step: 'verifying' },
      { type: 'submitted', tool: 'sandbox' },
      { type: 'step_viewed', step: 'success' },
    ]);
  });

  it('clears production input after success', async () => {
    const { flow } = await atCredentials('production');
    fillValid(flow);
    await submit(flow);
    expect(sessionStorage.length).toBe(0);
  });

  it('keeps development input after success', async () => {
    const { flow } = await atCredentials('development');
    fillValid(flow);
    await submit(flow);
    expect(localStorage.getItem('plugboard:v1:sandbox:api_key')).toBe('secret-1');
  });

  it('returns to the form with the tool’s field errors and the input kept', async () => {
    const { flow, api, sent } = await atCredentials();
    fillValid(flow);
    api.connects.push({ ok: true, outcome: { outcome: 'invalid_credentials', message: 'The API key was rejected.', field_errors: { api_key: 'Unknown key.' } } });
    await submit(flow);
    expect(flow.store.getState()).toMatchObject({
      step: 'credentials',
      fieldErrors: { api_key: 'Unknown key.' },
      problem: { code: 'invalid_credentials', message: 'The API key was rejected.' },
      values: { company_subdomain: 'acme', api_key: 'secret-1' },
    });
    expect(eventsOf(sent).at(-1)).toStrictEqual({ type: 'error', code: 'invalid_credentials', message: 'The API key was rejected.' });
  });

  it('shows the failure step when the tool is unreachable, and retry submits again', async () => {
    const { flow, api } = await atCredentials();
    fillValid(flow);
    api.connects.push({ ok: true, outcome: { outcome: 'remote_unavailable', message: 'Sandbox HR is down.' } });
    await submit(flow);
    expect(flow.store.getState()).toMatchObject({ step: 'failure', problem: { code: 'remote_unavailable', message: 'Sandbox HR is down.' } });
    await retry(flow);
    expect(api.requests).toHaveLength(2);
    expect(flow.store.getState().step).toBe('success');
  });

  it('goes back from the failure step to the form', async () => {
    const { flow, api } = await atCredentials();
    fillValid(flow);
    api.connects.push({ ok: false, code: 'network', message: '' });
    await submit(flow);
    goBack(flow);
    expect(flow.store.getState()).toMatchObject({ step: 'credentials', values: { api_key: 'secret-1' } });
  });

  it('shows the expired step when the link expired meanwhile', async () => {
    const { flow, api } = await atCredentials();
    fillValid(flow);
    api.connects.push({ ok: false, code: 'link_expired', message: 'expired' });
    await submit(flow);
    expect(flow.store.getState().step).toBe('expired');
  });
});

describe('closing', () => {
  it('closes at once when nothing was typed', async () => {
    const { flow, sent } = testFlow();
    await start(flow);
    requestClose(flow);
    expect(sent.at(-1)).toStrictEqual({ type: 'close' });
  });

  it('asks first when input was typed', async () => {
    const { flow, sent } = await atCredentials();
    setValue(flow, 'api_key', 'x');
    requestClose(flow);
    expect(flow.store.getState().confirmingClose).toBe(true);
    expect(sent.some((m) => m.type === 'close')).toBe(false);
  });

  it('asks first while the credentials are being checked', async () => {
    const { flow, api, sent } = await atCredentials();
    setValue(flow, 'company_subdomain', 'acme');
    setValue(flow, 'api_key', 'x');
    api.connect = () => new Promise(() => {});
    void submit(flow);
    requestClose(flow);
    expect([flow.store.getState().step, flow.store.getState().confirmingClose, sent.some((m) => m.type === 'close')]).toStrictEqual(['verifying', true, false]);
  });

  it('stays when the customer keeps editing', async () => {
    const { flow } = await atCredentials();
    setValue(flow, 'api_key', 'x');
    requestClose(flow);
    cancelClose(flow);
    expect(flow.store.getState()).toMatchObject({ confirmingClose: false, step: 'credentials' });
  });

  it('closes when confirmed', async () => {
    const { flow, sent } = await atCredentials();
    setValue(flow, 'api_key', 'x');
    requestClose(flow);
    confirmClose(flow);
    expect(sent.at(-1)).toStrictEqual({ type: 'close' });
  });

  it('hands over the activation token when closed after success', async () => {
    const { flow, sent } = await atCredentials();
    fillValid(flow);
    await submit(flow);
    requestClose(flow);
    expect(sent.at(-1)).toStrictEqual({ type: 'success', data: { activation_token: 'act_123' } });
  });
});

describe('finish and ready', () => {
  it('posts success with the activation token on Done', async () => {
    const { flow, sent } = await atCredentials();
    fillValid(flow);
    await submit(flow);
    finish(flow);
    expect(sent.at(-1)).toStrictEqual({ type: 'success', data: { activation_token: 'act_123' } });
  });

  it('reports ready once', async () => {
    const { flow, sent } = testFlow();
    await start(flow);
    markReady(flow);
    markReady(flow);
    expect(eventsOf(sent).filter((e) => e.type === 'ready')).toHaveLength(1);
  });
});
