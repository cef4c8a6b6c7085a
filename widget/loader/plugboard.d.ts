/**
 * Types of the Plugboard loader, served next to it at `/connect.d.ts`.
 *
 *   ESM:        import { open } from 'https://<plugboard>/connect.mjs'   (copy this file as connect.mjs.d.ts
 *               or declare the module with it)
 *   Script tag: <script src="https://<plugboard>/connect.js"></script>  -> window.Plugboard
 *
 * Self-contained on purpose (no imports); test/unit/widget/loader-types.test.ts keeps it equal to the
 * implementation's types.
 */

export type FlowLanguage = 'en' | 'de' | 'fr' | 'it' | 'es' | 'nl' | 'pt' | 'pl';

export type FlowStepName =
  | 'consent'
  | 'choose_tool'
  | 'data_points'
  | 'instructions'
  | 'credentials'
  | 'oauth_connect'
  | 'verifying'
  | 'success'
  | 'failure'
  | 'expired'
  | 'invalid';

export type FlowErrorCode =
  | 'link_expired'
  | 'link_invalid'
  | 'link_used'
  | 'invalid_credentials'
  | 'remote_unavailable'
  | 'network'
  | 'unexpected';

/** What `onEvent` receives while the flow is open. */
export type PlugboardEvent =
  | { type: 'opened' }
  | { type: 'ready' }
  | { type: 'step_viewed'; step: FlowStepName }
  | { type: 'tool_selected'; tool: string }
  | { type: 'submitted'; tool: string }
  | { type: 'error'; code: FlowErrorCode; message: string }
  | { type: 'resize'; height: number }
  | { type: 'success' }
  | { type: 'closed' };

export interface PlugboardTheme {
  /** CSS hex colour (`#rgb` or `#rrggbb`) of buttons and highlights. */
  primaryColor?: string;
  /** @default 'system' */
  colorScheme?: 'light' | 'dark' | 'system';
}

export interface PlugboardOptions {
  /** Render inline inside this element (it must be attached) instead of the full-screen modal. */
  container?: HTMLElement;
  onEvent?: (event: PlugboardEvent) => void;
  /** UI language for links created without a `language` (a link's own language wins); default: the browser's. */
  language?: FlowLanguage;
  theme?: PlugboardTheme;
}

/**
 * `cancelled`: the customer or `close()` ended the flow; `link_*`: the link cannot be used (create a new one);
 * `link_invalid` also for a link that is not an `https:` (or, in development, `http:`) URL.
 */
export type PlugboardErrorCode = 'cancelled' | 'link_expired' | 'link_invalid' | 'link_used';

/** The error `open()` rejects with (a TypeError when `link` is not a URL aside). */
export declare class PlugboardError extends Error {
  readonly code: PlugboardErrorCode;
  constructor(code: PlugboardErrorCode);
}

/**
 * Opens the flow for a link from `POST /v1/connect/create-link`; resolves with the activation token to
 * swap server-side via `GET /v1/connect/integration-by-token/{token}`. While open, calling it again
 * returns the same promise.
 */
export declare function open(link: string, options?: PlugboardOptions): Promise<string>;

/** Closes the open flow (its promise rejects with `cancelled`) and drops a prefetched iframe. */
export declare function close(): void;

/** Loads the flow in a hidden iframe so `open()` with the same link and options is instant; without a link, warms the cache. */
export declare function prefetch(link?: string, options?: PlugboardOptions): void;

declare global {
  interface Window {
    /** Set by the script-tag build (`/connect.js`). */
    Plugboard: {
      open: typeof open;
      close: typeof close;
      prefetch: typeof prefetch;
      PlugboardError: typeof PlugboardError;
    };
  }
}
