import type { FlowLanguage } from '../protocol/flow-api.ts';
import { type IframeMessage, isIframeMessage, type PlugboardEvent } from '../protocol/messages.ts';

/**
 * The script-tag / ESM loader. Framework-free, imports only `protocol/`, and small: its minified +
 * gzipped size is budgeted at 1.0 KB by test/unit/widget/loader-size.test.ts, which is why the code
 * below favours short forms.
 */

/** How the flow looks; passed to the iframe as query parameters. */
export interface PlugboardTheme {
  /** CSS hex colour of buttons and highlights, e.g. `#4f46e5`. */
  primaryColor?: string;
  /** @default 'system' */
  colorScheme?: 'light' | 'dark' | 'system';
}

/** Options of {@link open} and {@link prefetch}. */
export interface PlugboardOptions {
  /** Render inline inside this (attached) element instead of the full-screen modal. */
  container?: HTMLElement;
  /** Called for every step of the flow; see {@link PlugboardEvent}. */
  onEvent?: (event: PlugboardEvent) => void;
  /** UI language for links created without a `language` (a link's own language wins); default: the browser's. */
  language?: FlowLanguage;
  theme?: PlugboardTheme;
}

/**
 * Why `open()` rejected: `cancelled` (the customer or `close()` ended the flow), or the link's problem as
 * the flow reported it: `link_expired`, `link_invalid`, `link_used` (create a new link).
 */
export type PlugboardErrorCode = 'cancelled' | 'link_expired' | 'link_invalid' | 'link_used';

/** The error `open()` rejects with (a TypeError for misuse aside); `code` says why. */
export class PlugboardError extends Error {
  // `declare`: assigned in the constructor, so no class-field initialiser is emitted (bytes count here).
  declare readonly code: PlugboardErrorCode;
  constructor(code: PlugboardErrorCode) {
    super(code);
    this.name = 'PlugboardError';
    this.code = code;
  }
}

/**
 * What the iframe reads from its URL fragment (a JSON array, positional to stay short; a fragment never
 * reaches a server log): the host's origin (the only target the iframe posts to), the language, the
 * theme, and whether it is rendered inline in a container (no backdrop, no focus trap, reports its height).
 */
export type FrameOptions = [origin: string, language: FlowLanguage | undefined, theme: PlugboardTheme | undefined, inline: boolean];

// The loader's own URL, to find the flow when prefetch() gets no link. The script-tag build defines it
// as `document.currentScript.src` (read while the script runs); ESM reads `import.meta.url`. Neither
// touches `window` when the module is imported during SSR.
const base = import.meta.url;

let frame: HTMLIFrameElement | undefined;
let frameOrigin: string;
let failure: PlugboardErrorCode | undefined;
let pending: Promise<string> | undefined;
let settle: ((error: PlugboardError | false, token?: string) => void) | undefined;
let options: PlugboardOptions = {};

const emit = (event: PlugboardEvent) => options.onEvent?.(event);

function frameUrl(link: string | undefined, o: PlugboardOptions, inline?: HTMLElement): string {
  // A given link must be absolute (a relative one throws); only the link-less prefetch uses our own URL.
  const url = new URL(link ?? new URL('flow', base));
  const frameOptions: FrameOptions = [location.origin, o.language, o.theme, !!inline];
  url.hash = JSON.stringify(frameOptions);
  return url.href;
}

function onMessage(e: MessageEvent): void {
  // Exact origin, then the exact window, then the shape: a forged message from anywhere else is dropped.
  if (e.origin !== frameOrigin || e.source !== frame?.contentWindow || !isIframeMessage(e.data)) return;
  const m = e.data;
  if (m.type == 'plugboard') {
    const ev = m.event;
    if (ev.type == 'error' && /^link_/.test(ev.code)) failure = ev.code as PlugboardErrorCode;
    // Only an inline iframe reports its height (the modal one fills the viewport).
    if (ev.type == 'resize') frame!.style.height = ev.height + 'px';
    emit(ev);
  // A close carries no data: its token is undefined and never used.
  } else settle?.(m.type == 'close' && new PlugboardError(failure || 'cancelled'), (m as Partial<Extract<IframeMessage, { type: 'success' }>>).data?.activation_token);
}

function discard(): void {
  removeEventListener('message', onMessage);
  frame?.remove();
  frame = failure = undefined;
}

function create(src: string, container?: HTMLElement): HTMLIFrameElement {
  // Only a web page: `javascript:` would run in the host page and a `data:` frame could hand over a token
  // of its choosing. (Browsers block a plain-http frame in an https page, loopback aside: http links work
  // only in development.) `src` is a serialised URL: it starts with its scheme, lower-cased.
  if (!/^https?:/.test(src)) throw new PlugboardError('link_invalid');
  discard();
  const f = (frame = document.createElement('iframe'));
  f.src = src;
  frameOrigin = new URL(src).origin;
  f.title = 'Connect your HR system';
  f.style.cssText =
    'border:0;width:100%;' + (container ? 'height:480px' : 'position:fixed;inset:0;height:100%;z-index:2147483647;visibility:hidden');
  addEventListener('message', onMessage);
  (container || document.body).append(f);
  return f;
}

/**
 * Opens the flow for a link from `POST /v1/connect/create-link` and resolves with the activation token
 * (swap it server-side via `GET /v1/connect/integration-by-token/{token}`). Rejects with a
 * {@link PlugboardError}. Calling it again while open returns the same pending promise.
 */
export function open(link: string, o: PlugboardOptions = {}): Promise<string> {
  // A host that removed our container (SPA navigation) gets a fresh flow instead of a dead promise.
  if (settle && frame?.isConnected) return pending!;
  settle?.(new PlugboardError('cancelled'));
  // A link that is not a URL throws inside the executor: open() rejects with the URL parser's TypeError.
  return (pending = new Promise((resolve, reject) => {
    const src = frameUrl(link, o, o.container);
    const f = src === frame?.src ? frame : create(src, o.container);
    const body = document.body.style;
    const overflow = body.overflow;
    const opener = document.activeElement as HTMLElement | null;
    options = o;
    if (!o.container) body.overflow = 'hidden';
    f.style.visibility = '';
    f.focus();
    settle = (error, token) => {
      discard();
      // Undo exactly what open() did: the host's own overflow value, focus back on the opener.
      if (!o.container) body.overflow = overflow;
      opener?.focus();
      emit({ type: error ? 'closed' : 'success' });
      settle = undefined;
      error ? reject(error) : resolve(token!);
    };
    emit({ type: 'opened' });
  }));
}

/** Closes the flow if open (its promise rejects with `cancelled`) and drops a prefetched iframe. */
export function close(): void {
  settle?.(new PlugboardError('cancelled'));
  discard();
}

/**
 * Loads the flow in a hidden iframe so a later `open()` with the same link and options shows it at once.
 * Without a link it warms the browser cache with the flow's code.
 */
export function prefetch(link?: string, o: PlugboardOptions = {}): void {
  const src = frameUrl(link, o);
  if (!settle && src !== frame?.src) create(src);
}
