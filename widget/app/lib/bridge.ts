import { type FlowEvent, type IframeMessage, PROTOCOL_VERSION } from '../../protocol/messages.ts';
import { isHttpOrigin } from './launch.ts';

/** The one way the app talks to its host page; every postMessage of the app goes through here. */
export interface Bridge {
  /** True when the page runs in a frame (false for a magic link opened as a page). */
  readonly framed: boolean;
  /** The exact origin messages are posted to, or null when there is none we can trust. */
  readonly targetOrigin: string | null;
  send(message: IframeMessage): void;
  event(event: FlowEvent): void;
  /**
   * Restricts posting to these exact parent origins (the environment's allowed embedding origins, from
   * the session); an empty list keeps any parent. Messages to another parent are dropped.
   */
  allowOnly(origins: readonly string[]): void;
}

/**
 * The parent's origin, from what the browser says first: `location.ancestorOrigins[0]` (Chromium,
 * Safari), then the origin our loader claims in the URL, then the referrer's origin (what
 * `@kombo-api/connect` leaves us, since it adds only `sdkv`). A claim the browser contradicts loses:
 * posting to it would be dropped anyway. Never `'*'`.
 */
export function resolveParentOrigin(win: Window, claimedOrigin: string | null): string | null {
  if (win.parent === win) return null;
  const ancestor = win.location.ancestorOrigins?.[0];
  if (ancestor !== undefined) return isHttpOrigin(ancestor) ? ancestor : null;
  if (claimedOrigin) return claimedOrigin;
  try {
    const referrer = new URL(win.document.referrer).origin;
    return isHttpOrigin(referrer) ? referrer : null;
  } catch {
    return null;
  }
}

/** The bridge to `win.parent`, posting only to its exact origin. */
export function createBridge(win: Window, claimedOrigin: string | null): Bridge {
  const framed = win.parent !== win;
  const targetOrigin = resolveParentOrigin(win, claimedOrigin);
  let allowed: readonly string[] = [];
  const send = (message: IframeMessage) => {
    if (framed && targetOrigin && (allowed.length === 0 || allowed.includes(targetOrigin))) win.parent.postMessage(message, targetOrigin);
  };
  return {
    framed,
    targetOrigin,
    send,
    event: (event) => send({ type: 'plugboard', v: PROTOCOL_VERSION, event }),
    allowOnly: (origins) => {
      allowed = [...origins];
    },
  };
}

/**
 * Reports the document's height whenever it changes (an inline iframe is sized by its host to fit).
 * Returns the cleanup.
 */
export function observeHeight(win: Window, report: (height: number) => void): () => void {
  let last = -1;
  const measure = () => {
    const height = Math.ceil(win.document.documentElement.getBoundingClientRect().height);
    if (height !== last) report((last = height));
  };
  const observer = new ResizeObserver(measure);
  observer.observe(win.document.documentElement);
  measure();
  return () => observer.disconnect();
}
