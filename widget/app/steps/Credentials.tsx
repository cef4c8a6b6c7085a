import { useEffect, useRef } from 'preact/hooks';
import { Field } from '../components/fields/Field.tsx';
import { Icon } from '../components/Icon.tsx';
import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { selectedTool, setValue, submit } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/**
 * The tool's credential form, built from its field schema. Errors (from the browser's checks or the
 * tool) are announced, shown next to their fields, and never clear what was typed.
 */
export function Credentials() {
  const flow = useFlowApi();
  const t = useT();
  const tool = useFlow(selectedTool)!;
  const values = useFlow((s) => s.values);
  const errors = useFlow((s) => s.fieldErrors);
  const problem = useFlow((s) => (s.problem?.code === 'invalid_credentials' ? s.problem : null));
  const attempt = useFlow((s) => s.attempt);
  const form = useRef<HTMLFormElement>(null);

  // After a failed attempt, put the customer on the first field to fix.
  useEffect(() => {
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  return (
    <form
      ref={form}
      class="pb-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(flow);
      }}
    >
      <StepTitle>{t('credentialsTitle', { tool: tool.label })}</StepTitle>
      <div role="alert" class={problem ? 'pb-alert' : undefined}>
        {problem && (
          <>
            <Icon name="alert" />
            <p>{problem.message}</p>
          </>
        )}
      </div>
      {tool.credential_fields.map((field) => (
        <Field key={field.key} field={field} value={values[field.key] ?? ''} error={errors[field.key]} onChange={(v) => setValue(flow, field.key, v)} />
      ))}
      <StepActions primary={{ label: t('connect'), type: 'submit' }} />
    </form>
  );
}
