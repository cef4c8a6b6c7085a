import type { ComponentType } from 'preact';
import type { CredentialField } from '../../../protocol/flow-api.ts';
import { useT } from '../../state/use-flow.ts';
import { HelpTip } from './HelpTip.tsx';
import { SecretInput } from './SecretInput.tsx';
import { SelectInput } from './SelectInput.tsx';
import { type ControlProps, TextInput } from './TextInput.tsx';

/** The control for each field type of the tool's schema. */
const CONTROLS: Record<CredentialField['type'], ComponentType<ControlProps>> = {
  text: TextInput,
  secret: SecretInput,
  select: SelectInput,
  subdomain: TextInput,
  url: TextInput,
};

interface FieldProps {
  field: CredentialField;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** One credential field: label tied to its control, help tooltip, and its error (which describes the control). */
export function Field({ field, value, error, onChange }: FieldProps) {
  const t = useT();
  const id = `pb-field-${field.key}`;
  const ids = { label: `${id}-label`, help: `${id}-help`, error: `${id}-error` };
  const describedBy = [field.help && ids.help, error && ids.error].filter(Boolean).join(' ') || undefined;
  const Control = CONTROLS[field.type];
  const isSelect = field.type === 'select';
  return (
    <div class="pb-field">
      <div class="pb-field-head">
        {/* A select is a combobox div, which a label's `for` cannot reach: it is named by aria-labelledby and
            the label focuses it on click. */}
        <label
          id={ids.label}
          class="pb-label"
          for={isSelect ? undefined : id}
          onClick={isSelect ? () => document.getElementById(id)?.focus() : undefined}
        >
          {field.label}
          {field.required && (
            <span class="pb-required" aria-hidden="true">
              {' '}*
            </span>
          )}
        </label>
        {field.help && <HelpTip id={ids.help} label={t('helpLabel', { field: field.label })} text={field.help} />}
      </div>
      <Control id={id} labelId={ids.label} field={field} value={value} onChange={onChange} describedBy={describedBy} invalid={!!error} />
      {error && (
        <p id={ids.error} class="pb-field-error">
          {error}
        </p>
      )}
    </div>
  );
}
