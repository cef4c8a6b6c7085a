import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FlowEnvironment, FlowLanguage, FlowSession, FlowTool } from '../../protocol/flow-api.ts';
import type { FlowErrorCode, FlowEvent, IframeMessage } from '../../protocol/messages.ts';
import type { Messages } from '../i18n/en.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/i18n.ts';
import type { ApiFailure, FlowApi } from '../lib/api.ts';
import type { LaunchTheme } from '../lib/launch.ts';
import type { OAuthPopupResult } from '../lib/oauth-popup.ts';
import type { Persist } from '../lib/persist.ts';
import { BACK, EDITING_STEPS, NEXT, OAUTH_STEP, type StepId } from './steps.ts';
import { credentialsToSubmit, validateCredentials } from './validate.ts';

/** How the page is shown: a full-screen modal in a frame, inline in a host container, or a page of its own. */
export type DisplayMode = 'modal' | 'inline' | 'page';

/** Everything the UI renders from. Changed only by the transitions below. */
export interface FlowState {
  step: StepId;
  session: FlowSession | null;
  toolId: string | null;
  query: string;
  /** The selected tool's inputs, as typed. */
  values: Record<string, string>;
  fieldErrors: Record<string, string>;
  /** What went wrong last (shown by credentials, failure and link-problem steps). */
  problem: { code: FlowErrorCode; message: string; reference?: string } | null;
  /** Counts submissions that came back with errors, so the form can move focus to the summary. */
  attempt: number;
  activationToken: string | null;
  confirmingClose: boolean;
  language: FlowLanguage;
  messages: Messages;
  display: DisplayMode;
  theme: LaunchTheme;
}

/** The side effects the transitions need, injected (lib/ provides the real ones, tests their own). */
export interface FlowEffects {
  api: FlowApi;
  openPersist(environment: FlowEnvironment): Persist;
  loadLocale(language: FlowLanguage): Promise<Locale>;
  send(message: IframeMessage): void;
  /** Runs a tool's OAuth sign-in in a popup (absent where no window can open one). */
  oauth?(tool: string): Promise<OAuthPopupResult>;
}

/** A running flow: its store, its effects, and the storage opened once the environment is known. */
export interface Flow {
  store: StoreApi<FlowState>;
  effects: FlowEffects;
  persist: Persist | null;
  readySent: boolean;
}

/** What the page knows before the session arrives. */
export interface FlowSetup {
  display: DisplayMode;
  theme: LaunchTheme;
}

/** A fresh flow on the loading step. */
export function createFlow(effects: FlowEffects, setup: FlowSetup): Flow {
  const store = createStore<FlowState>()(() => ({
    step: 'loading',
    session: null,
    toolId: null,
    query: '',
    values: {},
    fieldErrors: {},
    problem: null,
    attempt: 0,
    activationToken: null,
    confirmingClose: false,
    language: DEFAULT_LOCALE.language,
    messages: DEFAULT_LOCALE.messages,
    display: setup.display,
    theme: setup.theme,
  }));
  return { store, effects, persist: null, readySent: false };
}

const event = (flow: Flow, e: FlowEvent) => flow.effects.send({ type: 'plugboard', v: 1, event: e });

/** Shows a step and reports it to the host. */
function show(flow: Flow, requested: StepId, patch: Partial<FlowState> = {}): void {
  const oauth = selectedTool({ ...flow.store.getState(), ...patch })?.auth === 'oauth';
  const step = (oauth && OAUTH_STEP[requested]) || requested;
  flow.store.setState({ ...patch, step, confirmingClose: false });
  if (step !== 'loading') event(flow, { type: 'step_viewed', step });
}

/** The selected tool, if any. */
export function selectedTool(state: FlowState): FlowTool | null {
  return state.session?.tools.find((t) => t.id === state.toolId) ?? null;
}

/** The vendor's display name, or a neutral wording when its environment has none. */
export function vendorName(state: FlowState): string {
  return state.session?.vendor.name ?? state.messages.vendorFallback;
}

/** True when the link names its tool (preselected or relinked): the tool picker is never shown. */
const toolFixed = (state: FlowState): boolean => !!(state.session?.preselected_tool ?? state.session?.relink);

/** Where "Continue" leads from here: the NEXT table, passing over the tool picker when the tool is fixed. */
export function nextTarget(state: FlowState): StepId | null {
  const target = NEXT[state.step] ?? null;
  return target === 'choose_tool' && toolFixed(state) ? 'data_points' : target;
}

/**
 * Where "Back" leads from here, or null: the BACK table, passing over the tool picker when the tool is
 * fixed, and never to a consent step the session does not have.
 */
export function backTarget(state: FlowState): StepId | null {
  let target = BACK[state.step] ?? null;
  if (target === 'choose_tool' && toolFixed(state)) target = 'consent';
  if (target === 'consent' && !state.session?.consent_required) return null;
  if (target === 'credentials' && !state.session) return null;
  return target;
}

/** True when the customer typed something into the current tool's form. */
export function hasInput(state: FlowState): boolean {
  return Object.values(state.values).some((v) => v.trim() !== '');
}


/** Ends the flow on a link problem or an unusable answer, reporting it to the host. */
function fail(flow: Flow, failure: ApiFailure): void {
  const step: StepId = failure.code === 'link_expired' ? 'expired' : failure.code.startsWith('link_') ? 'invalid' : 'failure';
  const message = failure.message || flow.store.getState().messages.failureNetwork;
  show(flow, step, { problem: { code: failure.code, message, ...(failure.reference ? { reference: failure.reference } : {}) } });
  event(flow, { type: 'error', code: failure.code, message });
}

/**
 * Loads the session and its language, then shows the first step: the consent, the tool picker, or the
 * preselected tool's data points. The server decides the language (the link's own, else the customer's
 * preference the requests carry) and sends the tools' texts in it; the loader's option
 * (`preferredLanguage`) usually is that answer, so it loads in parallel. Without a session (a used,
 * expired or unknown link) the loader's option speaks, else the browser's language, else English.
 */
export async function start(flow: Flow, preferredLanguage: FlowLanguage | null = null, browserLanguage: FlowLanguage | null = null): Promise<void> {
  flow.store.setState({ step: 'loading', problem: null });
  const early = preferredLanguage ? flow.effects.loadLocale(preferredLanguage) : null;
  const result = await flow.effects.api.session();
  const language = result.ok ? result.session.language : (preferredLanguage ?? browserLanguage ?? DEFAULT_LOCALE.language);
  const locale = await (early && language === preferredLanguage ? early : flow.effects.loadLocale(language));
  flow.store.setState({ language: locale.language, messages: locale.messages });
  if (!result.ok) return fail(flow, result);
  const { session } = result;
  flow.persist = flow.effects.openPersist(session.environment);
  const preselected = session.preselected_tool ?? session.relink?.tool ?? null;
  const tool = session.tools.find((t) => t.id === preselected) ?? null;
  flow.store.setState({ session });
  const toolPatch = tool ? { toolId: tool.id, values: restoreValues(flow, tool) } : {};
  if (session.consent_required) show(flow, 'consent', toolPatch);
  else if (tool) show(flow, 'data_points', toolPatch);
  else show(flow, 'choose_tool');
}

/** The tool's inputs: select defaults, overlaid with what was saved. */
function restoreValues(flow: Flow, tool: FlowTool): Record<string, string> {
  const defaults = Object.fromEntries(tool.credential_fields.filter((f) => f.default !== undefined).map((f) => [f.key, f.default!]));
  return { ...defaults, ...flow.persist?.load(tool.id) };
}

/** Tells the host the first step is interactive (once). */
export function markReady(flow: Flow): void {
  if (flow.readySent) return;
  flow.readySent = true;
  event(flow, { type: 'ready' });
}

export function setQuery(flow: Flow, query: string): void {
  flow.store.setState({ query });
}

/** Picks a tool and moves on to its data points, with its saved inputs restored. */
export function selectTool(flow: Flow, toolId: string): void {
  const tool = flow.store.getState().session?.tools.find((t) => t.id === toolId);
  if (!tool) return;
  event(flow, { type: 'tool_selected', tool: tool.id });
  show(flow, 'data_points', { toolId: tool.id, values: restoreValues(flow, tool), fieldErrors: {}, problem: null });
}

/** "Continue": the next step (see {@link nextTarget}; the picker needs a tool first). */
export function goNext(flow: Flow): void {
  const state = flow.store.getState();
  const next = nextTarget(state);
  if (!next || (state.step === 'choose_tool' && !state.toolId)) return;
  show(flow, next);
}

/** "Back": the BACK table's step; inputs stay as they are. */
export function goBack(flow: Flow): void {
  const target = backTarget(flow.store.getState());
  if (target) show(flow, target);
}

/** Stores one input as typed (state and storage) and clears that field's error. */
export function setValue(flow: Flow, key: string, value: string): void {
  const state = flow.store.getState();
  if (!state.toolId) return;
  const { [key]: _fixed, ...fieldErrors } = state.fieldErrors;
  flow.store.setState({ values: { ...state.values, [key]: value }, fieldErrors });
  flow.persist?.save(state.toolId, key, value);
}

/** Checks the form, then has the server verify the credentials; each outcome has its step. */
export async function submit(flow: Flow): Promise<void> {
  const state = flow.store.getState();
  const tool = selectedTool(state);
  if (!tool || state.step === 'verifying') return;
  const errors = validateCredentials(tool.credential_fields, state.values, state.messages);
  if (Object.keys(errors).length > 0) {
    const problem = { code: 'invalid_credentials' as const, message: state.messages.errorSummary };
    show(flow, 'credentials', { fieldErrors: errors, problem, attempt: state.attempt + 1 });
    return;
  }
  show(flow, 'verifying', { fieldErrors: {}, problem: null });
  event(flow, { type: 'submitted', tool: tool.id });
  const result = await flow.effects.api.connect({ tool: tool.id, credentials: credentialsToSubmit(tool.credential_fields, state.values) });
  if (!result.ok) return fail(flow, result);
  const outcome = result.outcome;
  if (outcome.outcome === 'connected') {
    if (state.session?.environment === 'production') flow.persist?.clear();
    show(flow, 'success', { activationToken: outcome.activation_token });
  } else if (outcome.outcome === 'invalid_credentials') {
    const problem = { code: 'invalid_credentials' as const, message: outcome.message };
    show(flow, 'credentials', { fieldErrors: outcome.field_errors, problem, attempt: flow.store.getState().attempt + 1 });
    event(flow, { type: 'error', ...problem });
  } else {
    const problem = { code: 'remote_unavailable' as const, message: outcome.message };
    show(flow, 'failure', { problem: { ...problem, ...(result.reference ? { reference: result.reference } : {}) } });
    event(flow, { type: 'error', ...problem });
  }
}

/**
 * "Connect with <tool>": the sign-in popup, then success with the activation token, or back on the
 * OAuth step with a message saying what happened (blocked, closed, denied) so the customer can retry.
 */
export async function connectOAuth(flow: Flow): Promise<void> {
  const state = flow.store.getState();
  const tool = selectedTool(state);
  if (!tool || !flow.effects.oauth) return;
  event(flow, { type: 'submitted', tool: tool.id });
  flow.store.setState({ problem: null });
  const result = await flow.effects.oauth(tool.id);
  const messages = flow.store.getState().messages;
  if ('ok' in result) return fail(flow, result);
  if (result.outcome === 'connected') {
    show(flow, 'success', { activationToken: result.activationToken });
    return;
  }
  const message = 'message' in result ? result.message : result.outcome === 'blocked' ? messages.oauthBlocked : messages.oauthClosed;
  const problem = { code: 'invalid_credentials' as const, message };
  show(flow, 'oauth_connect', { problem, attempt: state.attempt + 1 });
  event(flow, { type: 'error', ...problem });
}

/** "Try again" on the failure step: reload the session if it never arrived, else resubmit. */
export function retry(flow: Flow): Promise<void> {
  return flow.store.getState().session ? submit(flow) : start(flow, flow.store.getState().language);
}

/** Close button, Escape, backdrop: asks first when typed input would be left behind. */
export function requestClose(flow: Flow): void {
  const state = flow.store.getState();
  if (state.step === 'success') return finish(flow);
  if (hasInput(state) && EDITING_STEPS.includes(state.step)) flow.store.setState({ confirmingClose: true });
  else confirmClose(flow);
}

export function cancelClose(flow: Flow): void {
  flow.store.setState({ confirmingClose: false });
}

/** Closes the flow: the host removes the frame (Kombo-compatible `close`). */
export function confirmClose(flow: Flow): void {
  flow.store.setState({ confirmingClose: false });
  flow.effects.send({ type: 'close' });
}

/** "Done" after success: hands the activation token to the host (Kombo-compatible `success`). */
export function finish(flow: Flow): void {
  const token = flow.store.getState().activationToken;
  if (token) flow.effects.send({ type: 'success', data: { activation_token: token } });
}
