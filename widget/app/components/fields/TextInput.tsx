import type { CredentialField } from '../../../protocol/flow-api.ts';

/** What every control of a credential field receives from {@link Field}. */
export interface ControlProps {
  id: string;
  labelId: string;
  field: CredentialField;
  value: string;
  onChange: (value: string) => void;
  describedBy: string | undefined;
  invalid: boolean;
}


/**
 * Text, subdomain and URL fields. Prefix and suffix (e.g. `https://` and `.sandbox-hr.test`) sit inline
 * around the input and are part of its description.
 */
export function TextInput({ id, field, value, onChange, describedBy, invalid }: ControlProps) {
  const affixIds = [field.prefix && `${id}-prefix`, field.suffix && `${id}-suffix`].filter(Boolean).join(' ');
  const input = (
    <input
      id={id}
      class="pb-input"
      type="text"
      value={value}
      placeholder={field.placeholder}
      required={field.required}
      aria-required={field.required}
      aria-invalid={invalid}
      aria-describedby={[affixIds, describedBy].filter(Boolean).join(' ') || undefined}
      autocomplete="off"
      autocapitalize="off"
      spellcheck={false}
      inputMode={field.type === 'url' ? 'url' : undefined}
      onInput={(e) => onChange(e.currentTarget.value)}
    />
  );
  if (!field.prefix && !field.suffix) return input;
  return (
    <div class="pb-affixed" data-invalid={invalid || undefined}>
      {field.prefix && (
        <span id={`${id}-prefix`} class="pb-affix">
          {field.prefix}
        </span>
      )}
      {input}
      {field.suffix && (
        <span id={`${id}-suffix`} class="pb-affix">
          {field.suffix}
        </span>
      )}
    </div>
  );
}
