import type { ApiFailure } from './api.ts';

/** How an OAuth popup ended. */
export type OAuthPopupResult =
  | { outcome: 'connected'; activationToken: string }
  | { outcome: 'denied' | 'failed'; message: string }
  | { outcome: 'blocked' | 'closed' }
  | ApiFailure;

/** What the callback page posts (server/http/oauth-callback-page.ts). */
type CallbackMessage =
  | { type: 'plugboard:oauth'; outcome: 'connected'; activation_token: string }
  | { type: 'plugboard:oauth'; outcome: 'denied' | 'failed'; message: string };

const isCallbackMessage = (data: unknown): data is CallbackMessage =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'plugboard:oauth' && typeof (data as { outcome?: unknown }).outcome === 'string';

/**
 * Opens the tool's sign-in in a popup. The window opens at once (still inside the click, so browsers
 * allow it) and is pointed at the authorization URL once the server answered. Listens only for the
 * callback page at our own origin, from that popup; notices a popup closed before it reported.
 */
export function openOAuthPopup(
  win: Window,
  start: () => Promise<{ ok: true; url: string } | ApiFailure>,
  pollMs = 400,
): Promise<OAuthPopupResult> {
  const popup = win.open('about:blank', 'plugboard-oauth', 'popup,width=520,height=680');
  if (!popup) return Promise.resolve({ outcome: 'blocked' });
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const done = (result: OAuthPopupResult) => {
      win.removeEventListener('message', onMessage);
      if (timer !== undefined) clearInterval(timer);
      resolve(result);
    };
    function onMessage(event: MessageEvent) {
      if (event.origin !== win.location.origin || event.source !== popup || !isCallbackMessage(event.data)) return;
      const data = event.data;
      done(data.outcome === 'connected' ? { outcome: 'connected', activationToken: data.activation_token } : { outcome: data.outcome, message: data.message });
    }
    win.addEventListener('message', onMessage);
    timer = setInterval(() => {
      if (popup.closed) done({ outcome: 'closed' });
    }, pollMs);
    void start().then((started) => {
      if (!started.ok) {
        popup.close();
        done(started);
      } else if (!popup.closed) {
        popup.location.href = started.url;
      }
    });
  });
}
