import { useState } from 'preact/hooks';
import type { ConsoleApi } from '../../lib/api.ts';
import { Field, Form } from '../../lib/Form.tsx';
import type { ApiFlowSettings } from './types.ts';

/** The branding fields, in the order the form shows them. */
const TEXTS: { name: keyof ApiFlowSettings; label: string; type?: 'email'; hint?: string }[] = [
  { name: 'display_name', label: 'Display name', hint: 'Your product’s name as your customers know it; the flow names you with it.' },
  { name: 'logo_url', label: 'Logo URL', hint: 'An https image shown next to the name.' },
  { name: 'primary_color', label: 'Primary colour', hint: 'A hex colour such as #0a7f5a for the flow’s buttons.' },
  { name: 'privacy_policy_url', label: 'Privacy policy link' },
  { name: 'support_email', label: 'Support email', type: 'email' },
  { name: 'support_url', label: 'Support URL' },
  { name: 'missing_tool_url', label: '“Don’t see your tool?” link', hint: 'An http(s) or mailto: link; empty hides it.' },
];

const orNull = (value: FormDataEntryValue | null) => {
  const v = String(value ?? '').trim();
  return v === '' ? null : v;
};

/** Read-only: the settings as a list of terms. */
function FlowSummary(props: { settings: ApiFlowSettings }) {
  const s = props.settings;
  return (
    <dl class="config-summary">
      {TEXTS.map((t) => (
        <div key={t.name}>
          <dt>{t.label}</dt>
          <dd>{(s[t.name] as string | null) ?? 'not set'}</dd>
        </div>
      ))}
      <div>
        <dt>Skip consent for preselected tools</dt>
        <dd>{s.skip_consent_for_preselected ? 'yes' : 'no'}</dd>
      </div>
      <div>
        <dt>Allowed embedding origins</dt>
        <dd>{s.allowed_origins.length ? s.allowed_origins.join(', ') : 'any site may embed the flow'}</dd>
      </div>
    </dl>
  );
}

/** The connection flow's branding and the origins that may embed it and receive its result. */
export function FlowSection(props: { api: ConsoleApi; base: string; settings: ApiFlowSettings; editable: boolean }) {
  const [settings, setSettings] = useState(props.settings);
  const [status, setStatus] = useState('');
  return (
    <section class="config-section" aria-labelledby="flow-heading">
      <h2 id="flow-heading">Flow</h2>
      {props.editable ? (
        <Form
          label="Flow branding and embedding"
          submit="Save flow settings"
          action={async (data) => {
            setStatus('');
            const body: Record<string, unknown> = Object.fromEntries(TEXTS.map((t) => [t.name, orNull(data.get(t.name))]));
            body.skip_consent_for_preselected = data.get('skip_consent_for_preselected') === 'on';
            body.allowed_origins = String(data.get('allowed_origins') ?? '')
              .split('\n')
              .map((o) => o.trim())
              .filter((o) => o !== '');
            const r = await props.api.send<{ settings: ApiFlowSettings }>('PATCH', `${props.base}/settings`, body);
            setSettings(r.settings);
            setStatus('Flow settings saved. New flows show them.');
          }}
        >
          {TEXTS.map((t) => (
            <Field key={t.name} name={t.name} label={t.label} type={t.type} hint={t.hint} required={false} value={(settings[t.name] as string | null) ?? ''} />
          ))}
          <p>
            <input type="checkbox" id="f-skip_consent_for_preselected" name="skip_consent_for_preselected" checked={settings.skip_consent_for_preselected} />{' '}
            <label for="f-skip_consent_for_preselected">Skip the consent step when a link preselects the tool</label>
          </p>
          <p class="field">
            <label for="f-allowed_origins">Allowed embedding origins (one per line)</label>
            <textarea id="f-allowed_origins" name="allowed_origins" rows={3} aria-describedby="f-allowed_origins-hint" value={settings.allowed_origins.join('\n')} />
            <small id="f-allowed_origins-hint" class="hint">
              Exact origins such as https://app.example.com may frame the flow and receive its result. Empty: any site may.
            </small>
          </p>
        </Form>
      ) : (
        <FlowSummary settings={settings} />
      )}
      <p role="status">{status}</p>
    </section>
  );
}
