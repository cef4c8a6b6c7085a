import { useState } from 'preact/hooks';
import { useT } from '../../state/use-flow.ts';
import { Icon } from '../Icon.tsx';
import type { ControlProps } from './TextInput.tsx';

/** A masked input with a show/hide toggle (a pressed-state button whose name does not change). */
export function SecretInput({ id, field, value, onChange, describedBy, invalid }: ControlProps) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  const input = {
    id,
    class: 'pb-input',
    value,
    placeholder: field.placeholder,
    required: field.required,
    'aria-required': field.required,
    'aria-invalid': invalid,
    'aria-describedby': describedBy,
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: false,
    onInput: (e: Event) => onChange((e.currentTarget as HTMLInputElement).value),
  } as const;
  return (
    <div class="pb-affixed" data-invalid={invalid || undefined}>
      {visible ? <input type="text" {...input} /> : <input type="password" {...input} />}
      <button
        type="button"
        class="pb-reveal"
        aria-label={t('showLabel', { field: field.label })}
        aria-pressed={visible}
        aria-controls={id}
        onClick={() => setVisible(!visible)}
      >
        <Icon name={visible ? 'eyeOff' : 'eye'} />
      </button>
    </div>
  );
}
