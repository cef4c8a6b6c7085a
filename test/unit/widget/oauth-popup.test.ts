import { openOAuthPopup } from '../../../widget/app/lib/oauth-popup.ts';

/** A window stand-in: real event dispatch, a scripted popup. */
function fakeWindow(popup: { closed: boolean; close(): void; location: { href: string } } | null) {
  const target = new EventTarget();
  return Object.assign(target, { open: () => popup, location: { origin: 'https://plugboard.test' } }) as unknown as Window;
}

const popupStub = () => ({ closed: false, close() { this.closed = true; }, location: { href: 'about:blank' } });
const post = (win: Window, data: unknown, origin: string, source: unknown) =>
  win.dispatchEvent(Object.assign(new Event('message'), { data, origin, source }));

describe('openOAuthPopup', () => {
  it('points the popup at the authorization URL and resolves with what the callback page of our origin posts', async () => {
    const popup = popupStub();
    const win = fakeWindow(popup);
    const result = openOAuthPopup(win, async () => ({ ok: true, url: 'https://tool.test/authorize?x=1' }), 10);
    await Promise.resolve();
    await Promise.resolve();
    expect(popup.location.href).toBe('https://tool.test/authorize?x=1');
    post(win, { type: 'plugboard:oauth', outcome: 'connected', activation_token: 'forged' }, 'https://evil.test', popup);
    post(win, { type: 'plugboard:oauth', outcome: 'connected', activation_token: 'forged' }, 'https://plugboard.test', {});
    post(win, { type: 'plugboard:oauth', outcome: 'connected', activation_token: 'real' }, 'https://plugboard.test', popup);
    expect(await result).toStrictEqual({ outcome: 'connected', activationToken: 'real' });
  });

  it('answers blocked when no window opens', async () => {
    expect(await openOAuthPopup(fakeWindow(null), async () => ({ ok: true, url: 'x' }))).toStrictEqual({ outcome: 'blocked' });
  });

  it('answers closed when the popup closes before reporting', async () => {
    const popup = popupStub();
    const result = openOAuthPopup(fakeWindow(popup), async () => ({ ok: true, url: 'https://tool.test/a' }), 5);
    popup.closed = true;
    expect(await result).toStrictEqual({ outcome: 'closed' });
  });

  it('closes the popup and answers the failure when the server refuses to start', async () => {
    const popup = popupStub();
    const result = await openOAuthPopup(fakeWindow(popup), async () => ({ ok: false, code: 'unexpected', message: 'not set up' }), 5);
    expect([result, popup.closed]).toStrictEqual([{ ok: false, code: 'unexpected', message: 'not set up' }, true]);
  });
});
