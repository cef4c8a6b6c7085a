import crypto from 'node:crypto';
import type { OAuthOutcome } from '../domain/oauth-flow.ts';

/** What the callback page posts to the flow that opened the popup (widget/app listens for it). */
export type OAuthCallbackMessage =
  | { type: 'plugboard:oauth'; outcome: 'connected'; tool: string; activation_token: string }
  | { type: 'plugboard:oauth'; outcome: 'denied' | 'failed'; message: string };

export function oauthCallbackMessage(result: OAuthOutcome): OAuthCallbackMessage {
  return result.outcome === 'connected'
    ? { type: 'plugboard:oauth', outcome: 'connected', tool: result.tool, activation_token: result.activationToken }
    : { type: 'plugboard:oauth', outcome: result.outcome, message: result.message };
}

/**
 * The tiny page the OAuth popup ends on: it posts the outcome to its opener at Plugboard's own origin
 * only (never `*`), then closes. Its one inline script runs under a nonce; nothing else may load.
 */
export function oauthCallbackPage(message: OAuthCallbackMessage, origin: string): { html: string; csp: string } {
  const nonce = crypto.randomBytes(16).toString('base64');
  // `<` escaped so no value can close the script element.
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const text = message.outcome === 'connected' ? 'Connected. You can close this window.' : message.message;
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plugboard</title></head><body>' +
    `<p>${text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` +
    `<script nonce="${nonce}">if (window.opener) window.opener.postMessage(${json(message)}, ${json(origin)}); window.close();</script>` +
    '</body></html>';
  return { html, csp: `default-src 'none'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'` };
}
