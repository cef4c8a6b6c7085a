import { useState } from 'preact/hooks';

/** A secret shown once: the value, a copy button, and the warning that it will not be shown again. */
export function SecretOnce(props: { secret: string; note: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret-once" role="status">
      <p>
        <strong>Copy the signing secret now: it is shown only once.</strong> {props.note}
      </p>
      <p>
        <code aria-label="Signing secret">{props.secret}</code>{' '}
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(props.secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy secret
        </button>{' '}
        {copied && <span>Copied.</span>}
      </p>
    </div>
  );
}
