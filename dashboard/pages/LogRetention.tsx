import { useEffect, useState } from 'preact/hooks';
import type { ConsoleApi } from '../lib/api.ts';
import { Form } from '../lib/Form.tsx';
import type { Environment } from '../lib/types.ts';

/** How long the environment keeps its request log; configurers may change it. */
export function LogRetention(props: { api: ConsoleApi; environment: Environment; canChange: boolean }) {
  const path = `/environments/${props.environment}/log-retention`;
  const [retention, setRetention] = useState<{ days: number; is_default: boolean } | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    setSaved('');
    void props.api.get<{ days: number; is_default: boolean }>(path).then(setRetention);
  }, [props.environment]);
  return (
    <section aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention</h2>
      <p>
        Entries are kept for <strong>{retention ? `${retention.days} days` : '…'}</strong>
        {retention?.is_default ? ' (the default)' : ''}, then deleted.
      </p>
      {props.canChange && retention && (
        <Form
          label="Change the retention"
          submit="Save retention"
          action={async (data) => {
            const r = await props.api.send<{ days: number; is_default: boolean }>('PUT', path, { days: Number(data.get('days')) });
            setRetention(r);
            setSaved(`Retention set to ${r.days} days.`);
          }}
        >
          <p class="field">
            <label for="retention-days">Days to keep (1 to 365)</label>
            <input id="retention-days" name="days" type="number" min={1} max={365} required value={retention.days} key={`${props.environment}-${retention.days}`} />
          </p>
        </Form>
      )}
      <p role="status">{saved}</p>
    </section>
  );
}
