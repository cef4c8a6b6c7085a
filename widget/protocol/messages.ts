/**
 * Every message that crosses the frame boundary (iframe -> host). No imports, no globals: the loader,
 * the iframe app and the tests share this file.
 *
 * Two families travel on the same channel:
 * - Kombo-compatible messages (`close`, `success`), exactly what `@kombo-api/connect` 1.3.0 expects, so
 *   `showKomboConnect(link)` works with our links unchanged.
 * - Plugboard's own envelope `{type:'plugboard', v, event}` carrying one {@link FlowEvent}, for our
 *   loader's `onEvent` stream; the official library ignores unknown types.
 *
 * The host never sends anything to the iframe: options travel as query parameters of the iframe URL.
 */

/** Version of the `plugboard` envelope. Bump it on any breaking change to an event's shape. */
export const PROTOCOL_VERSION = 1;

/** Steps the flow reports as it shows them. */
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

/**
 * Why something went wrong. The `link_*` codes end the flow; `network` means no answer reached us,
 * `unexpected` an answer we could not use (a server error).
 */
export type FlowErrorCode =
  | 'link_expired'
  | 'link_invalid'
  | 'link_used'
  | 'invalid_credentials'
  | 'remote_unavailable'
  | 'network'
  | 'unexpected';

/** What the iframe reports while the customer moves through the flow. */
export type FlowEvent =
  /** The first step is rendered and interactive. */
  | { type: 'ready' }
  | { type: 'step_viewed'; step: FlowStepName }
  | { type: 'tool_selected'; tool: string }
  /** Credentials were sent for verification (never the credentials themselves). */
  | { type: 'submitted'; tool: string }
  | { type: 'error'; code: FlowErrorCode; message: string }
  /** Content height in CSS pixels, so an inline (container) iframe can fit its content. */
  | { type: 'resize'; height: number };

/** Kombo-compatible: the customer closed the flow. */
export interface CloseMessage {
  type: 'close';
}

/** Kombo-compatible: the connection succeeded; the host swaps the token server-side for the integration. */
export interface SuccessMessage {
  type: 'success';
  data: { activation_token: string };
}

/** Plugboard's versioned envelope around a {@link FlowEvent}. */
export interface EventMessage {
  type: 'plugboard';
  v: typeof PROTOCOL_VERSION;
  event: FlowEvent;
}

/** Everything the iframe posts to its parent. */
export type IframeMessage = CloseMessage | SuccessMessage | EventMessage;

/** What our loader's `onEvent` receives: the iframe's {@link FlowEvent}s plus the loader's own. */
export type PlugboardEvent = FlowEvent | { type: 'opened' } | { type: 'closed' } | { type: 'success' };

const str = (v: unknown): v is string => typeof v == 'string';

/**
 * True when `data` has one of the {@link IframeMessage} shapes: a known `type`, the protocol version, a
 * known event type and each field of the right type. Listeners check `event.origin` and `event.source`
 * first; this is the third check. Written for size (the loader ships it): enumerated string fields
 * (`step`, `code`) are checked as strings, since only our own iframe, authenticated by origin and window,
 * gets this far.
 */
export function isIframeMessage(data: unknown): data is IframeMessage {
  const m = Object(data);
  const e = Object(m.event);
  const t = m.type == 'plugboard' && m.v === PROTOCOL_VERSION && e.type;
  return (
    m.type == 'close' ||
    (m.type == 'success' && str(m.data?.activation_token)) ||
    t == 'ready' ||
    (t == 'step_viewed' && str(e.step)) ||
    ((t == 'tool_selected' || t == 'submitted') && str(e.tool)) ||
    (t == 'error' && str(e.code) && str(e.message)) ||
    (t == 'resize' && e.height === +e.height && e.height >= 0)
  );
}
