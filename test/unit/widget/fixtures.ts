import type { FlowSession, FlowTool } from '../../../widget/protocol/flow-api.ts';
import type { IframeMessage } from '../../../widget/protocol/messages.ts';
import type { ConnectResult, FlowApi, SessionResult } from '../../../widget/app/lib/api.ts';
import { loadLocale } from '../../../widget/app/i18n/i18n.ts';
import { createPersist } from '../../../widget/app/lib/persist.ts';
import { createFlow, type Flow, type FlowSetup } from '../../../widget/app/state/flow.ts';

/** A tool shaped like the Sandbox: every field type the flow supports. */
export function sandboxTool(overrides: Partial<FlowTool> = {}): FlowTool {
  return {
    id: 'sandbox',
    label: 'Sandbox',
    category: 'HRIS',
    logo_url: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
    icon_url: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
    instructions: ['Open Sandbox HR settings.', 'Create an API key.'],
    connection_guide_url: 'https://docs.example.com/sandbox',
    data_points: [
      { model: 'hris_employees', label: 'Employees', fields: [{ id: 'first_name', label: 'First name' }, { id: 'last_name', label: 'Last name' }] },
      { model: 'hris_absences', label: 'Absences', fields: [{ id: 'start_date', label: 'Start date' }] },
    ],
    credential_fields: [
      { key: 'company_subdomain', type: 'subdomain', label: 'Company subdomain', required: true, placeholder: 'acme', prefix: 'https://', suffix: '.sandbox-hr.test', help: 'The first part of your address.' },
      { key: 'api_key', type: 'secret', label: 'API key', required: true, help: 'Any value connects.' },
      {
        key: 'company_size',
        type: 'select',
        label: 'Company size',
        required: true,
        default: '250',
        options: [
          { value: '50', label: '50 employees' },
          { value: '250', label: '250 employees' },
          { value: '1000', label: '1,000 employees' },
        ],
      },
      { key: 'seed', type: 'text', label: 'Seed (optional)', required: false },
      { key: 'region', type: 'select', label: 'Region (optional)', required: false, options: [{ value: 'eu', label: 'Europe' }, { value: 'us', label: 'United States' }] },
    ],
    ...overrides,
  };
}

/** An environment without branding: every vendor field unset. */
export const VENDOR: FlowSession['vendor'] = { name: null, logo_url: null, primary_color: null, privacy_policy_url: null, support_email: null, support_url: null };

/** A development session offering the Sandbox and one more tool (no consent step unless overridden). */
export function session(overrides: Partial<FlowSession> = {}): FlowSession {
  return {
    environment: 'development',
    category: 'HRIS',
    language: 'en',
    link_type: 'EMBEDDED',
    preselected_tool: null,
    relink: null,
    end_user: { organization_name: 'Acme GmbH', email: 'hr@acme.example' },
    expires_at: '2030-01-01T00:00:00.000Z',
    tools: [sandboxTool(), sandboxTool({ id: 'personio', label: 'Personio' }), sandboxTool({ id: 'lucca', label: 'Lucca Ré' })],
    vendor: VENDOR,
    missing_tool_url: null,
    consent_required: false,
    allowed_origins: [],
    ...overrides,
  };
}

/** A flow API answering from scripted results, recording what it was asked. */
export class ScriptedApi implements FlowApi {
  sessions: SessionResult[] = [];
  connects: ConnectResult[] = [];
  requests: { tool: string; credentials: Record<string, string> }[] = [];
  async session(): Promise<SessionResult> {
    return this.sessions.shift() ?? { ok: true, session: session() };
  }
  async connect(request: { tool: string; credentials: Record<string, string> }): Promise<ConnectResult> {
    this.requests.push(request);
    return this.connects.shift() ?? { ok: true, outcome: { outcome: 'connected', activation_token: 'act_123', tool: request.tool } };
  }
}

/** A fresh flow on real storage (happy-dom's), the real locales, a scripted API; records sent messages. */
export function testFlow(setup: Partial<FlowSetup> = {}): { flow: Flow; api: ScriptedApi; sent: IframeMessage[]; locales: string[] } {
  const api = new ScriptedApi();
  const sent: IframeMessage[] = [];
  const locales: string[] = [];
  const flow = createFlow(
    {
      api,
      openPersist: (environment) => createPersist(window, environment),
      loadLocale: (language) => {
        locales.push(language);
        return loadLocale(language);
      },
      send: (message) => sent.push(message),
    },
    { display: 'modal', theme: { primaryColor: null, colorScheme: 'system' }, ...setup },
  );
  return { flow, api, sent, locales };
}

/** The `plugboard` events among sent messages, in order. */
export const eventsOf = (sent: IframeMessage[]) => sent.flatMap((m) => (m.type === 'plugboard' ? [m.event] : []));
