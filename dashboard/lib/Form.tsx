import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from './api.ts';

/** A form whose submit runs `action`, disabling itself meanwhile and showing the failure in an alert. */
export function Form(props: { label: string; submit: string; action: (data: FormData) => Promise<void>; children: ComponentChildren }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await props.action(new FormData(event.currentTarget as HTMLFormElement));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong. Try again.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <form aria-label={props.label} onSubmit={onSubmit}>
      {props.children}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {props.submit}
      </button>
    </form>
  );
}

/** A labelled input. */
export function Field(props: { label: string; name: string; type?: 'text' | 'email' | 'password'; autocomplete?: string; inputmode?: string; value?: string; required?: boolean; minLength?: number; hint?: string }) {
  const id = `f-${props.name}`;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        // Preact types each input type apart; these three share every attribute used here.
        type={(props.type ?? 'text') as 'text'}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode as 'numeric' | undefined}
        value={props.value}
        required={props.required ?? true}
        minLength={props.minLength}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
    </p>
  );
}
