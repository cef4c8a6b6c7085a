import { useState } from 'preact/hooks';

/** A read-only value with a copy button; the outcome is announced (a failed copy says to select the text instead). */
export function CopyField(props: { label: string; value: string; id: string }) {
  const [note, setNote] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value);
      setNote('Copied to the clipboard.');
    } catch {
      setNote('Copying did not work here: select the text and copy it.');
    }
  }
  return (
    <div class="copy-field">
      <label for={props.id}>{props.label}</label>
      <span class="copy-row">
        <input id={props.id} readOnly value={props.value} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
        <button type="button" onClick={copy}>
          Copy
        </button>
      </span>
      <span role="status" class="hint">
        {note}
      </span>
    </div>
  );
}
