// @vitest-environment jsdom
import { close, open, PlugboardError, prefetch } from '../../../widget/loader/connect.ts';
import type { IframeMessage, PlugboardEvent } from '../../../widget/protocol/messages.ts';

const LINK = 'http://widget.test:4000/flow?token=abc';
const WIDGET = 'http://widget.test:4000';

const frames = () => [...document.querySelectorAll('iframe')];

/** Delivers a message to the host window as if `source` posted it from `origin`. */
function deliver(data: IframeMessage | unknown, { origin = WIDGET, source = frames()[0]?.contentWindow }: { origin?: string; source?: Window | null } = {}) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

/** 'pending', or how the promise settled, once pending reactions have run. */
async function stateOf(p: Promise<unknown>): Promise<string> {
  let state = 'pending';
  p.then(
    (v) => (state = `resolved:${String(v)}`),
    (e: unknown) => (state = `rejected:${(e as PlugboardError).code ?? String(e)}`),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return state;
}

let opener: HTMLButtonElement;

beforeEach(() => {
  document.body.innerHTML = '<button id="opener">Connect</button><div id="box"></div>';
  document.body.style.overflow = 'scroll';
  opener = document.getElementById('opener') as HTMLButtonElement;
  opener.focus();
});

afterEach(() => {
  close();
});

describe('open', () => {
  it('adds one titled iframe over the page and locks the page scroll', () => {
    void open(LINK).catch(() => {});
    const [frame] = frames();
    expect([frames().length, frame?.title, frame?.style.position, frame?.style.visibility, document.body.style.overflow]).toStrictEqual([
      1,
      'Connect your HR system',
      'fixed',
      '',
      'hidden',
    ]);
  });

  it('passes the host origin and the options in the iframe URL fragment', () => {
    void open(LINK, { language: 'de', theme: { primaryColor: '#0a7', colorScheme: 'dark' } }).catch(() => {});
    const url = new URL(frames()[0]!.src);
    expect([url.origin + url.pathname + url.search, JSON.parse(decodeURIComponent(url.hash.slice(1)))]).toStrictEqual([
      LINK,
      [location.origin, 'de', { primaryColor: '#0a7', colorScheme: 'dark' }, false],
    ]);
  });

  it('returns the same pending promise when called twice, with one iframe', () => {
    const first = open(LINK);
    const second = open(LINK);
    first.catch(() => {});
    expect([first === second, frames().length]).toStrictEqual([true, 1]);
  });

  it('rejects a link that is not a URL with a TypeError and still opens afterwards', async () => {
    await expect(open('not a url')).rejects.toBeInstanceOf(TypeError);
    void open(LINK).catch(() => {});
    expect(frames()).toHaveLength(1);
  });

  it.each(['javascript:alert(document.domain)', 'data:text/html,<script>parent.postMessage(1,"*")</script>', 'blob:https://evil.test/1', 'file:///etc/passwd'])(
    'rejects %s with link_invalid, adding no iframe, and still opens afterwards',
    async (link) => {
      await expect(open(link)).rejects.toStrictEqual(new PlugboardError('link_invalid'));
      expect(frames()).toHaveLength(0);
      void open(LINK).catch(() => {});
      expect(frames()).toHaveLength(1);
    },
  );

  it('opens an https link', () => {
    void open('https://plugboard.example/flow?token=abc').catch(() => {});
    expect(frames().map((f) => f.src)).toStrictEqual([expect.stringMatching(/^https:\/\/plugboard\.example\/flow\?token=abc#/)]);
  });

  it('emits opened first', () => {
    const events: PlugboardEvent[] = [];
    void open(LINK, { onEvent: (e) => events.push(e) }).catch(() => {});
    expect(events).toStrictEqual([{ type: 'opened' }]);
  });
});

describe('messages from the iframe', () => {
  it('resolves with the activation token on success', async () => {
    const p = open(LINK);
    deliver({ type: 'success', data: { activation_token: 'act_1' } });
    expect(await stateOf(p)).toBe('resolved:act_1');
  });

  it('rejects with cancelled on close', async () => {
    const p = open(LINK);
    deliver({ type: 'close' });
    expect(await stateOf(p)).toBe('rejected:cancelled');
  });

  it('rejects with link_expired when the flow reported an expired link', async () => {
    const p = open(LINK);
    deliver({ type: 'plugboard', v: 1, event: { type: 'error', code: 'link_expired', message: 'expired' } });
    deliver({ type: 'close' });
    expect(await stateOf(p)).toBe('rejected:link_expired');
  });

  it('rejects with a PlugboardError', async () => {
    const p = open(LINK);
    deliver({ type: 'close' });
    const error = await p.catch((e: unknown) => e);
    expect([error instanceof PlugboardError, (error as PlugboardError).name]).toStrictEqual([true, 'PlugboardError']);
  });

  it('forwards the flow’s events to onEvent', () => {
    const events: PlugboardEvent[] = [];
    void open(LINK, { onEvent: (e) => events.push(e) }).catch(() => {});
    deliver({ type: 'plugboard', v: 1, event: { type: 'step_viewed', step: 'choose_tool' } });
    deliver({ type: 'plugboard', v: 1, event: { type: 'tool_selected', tool: 'sandbox' } });
    expect(events).toStrictEqual([{ type: 'opened' }, { type: 'step_viewed', step: 'choose_tool' }, { type: 'tool_selected', tool: 'sandbox' }]);
  });

  it('ignores a message from another origin', async () => {
    const p = open(LINK);
    deliver({ type: 'success', data: { activation_token: 'forged' } }, { origin: 'http://evil.test:4000' });
    expect([await stateOf(p), frames().length]).toStrictEqual(['pending', 1]);
  });

  it('ignores a message of the right origin from another window', async () => {
    const p = open(LINK);
    deliver({ type: 'success', data: { activation_token: 'forged' } }, { source: window });
    expect([await stateOf(p), frames().length]).toStrictEqual(['pending', 1]);
  });

  it('ignores a message of the wrong shape', async () => {
    const p = open(LINK);
    deliver({ type: 'success', data: { token: 'x' } });
    deliver(null);
    deliver('close');
    expect(await stateOf(p)).toBe('pending');
  });
});

describe('closing', () => {
  it('rejects the open flow with cancelled', async () => {
    const p = open(LINK);
    close();
    expect(await stateOf(p)).toBe('rejected:cancelled');
  });

  it('removes the iframe, restores the page’s own overflow and returns focus to the opener', () => {
    void open(LINK).catch(() => {});
    frames()[0]!.focus();
    close();
    expect([frames().length, document.body.style.overflow, document.activeElement]).toStrictEqual([0, 'scroll', opener]);
  });

  it('removes its message listener', () => {
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    void open(LINK).catch(() => {});
    close();
    const listener = added.mock.calls.find(([type]) => type === 'message')?.[1];
    expect(removed.mock.calls.some(([type, fn]) => type === 'message' && fn === listener)).toBe(true);
  });

  it('emits closed', () => {
    const events: PlugboardEvent[] = [];
    void open(LINK, { onEvent: (e) => events.push(e) }).catch(() => {});
    close();
    expect(events.at(-1)).toStrictEqual({ type: 'closed' });
  });

  it('emits success and cleans up after success', async () => {
    const events: PlugboardEvent[] = [];
    const p = open(LINK, { onEvent: (e) => events.push(e) });
    deliver({ type: 'success', data: { activation_token: 'a' } });
    await p;
    expect([events.at(-1), frames().length, document.body.style.overflow]).toStrictEqual([{ type: 'success' }, 0, 'scroll']);
  });

  it('opens a fresh flow after the previous one ended', async () => {
    const first = open(LINK);
    deliver({ type: 'close' });
    await first.catch(() => {});
    const second = open(LINK);
    second.catch(() => {});
    expect([second === first, frames().length]).toStrictEqual([false, 1]);
  });
});

describe('inline in a container', () => {
  it('renders in the container and leaves the page scroll alone', () => {
    const box = document.getElementById('box')!;
    void open(LINK, { container: box }).catch(() => {});
    expect([box.querySelectorAll('iframe').length, document.body.style.overflow, frames()[0]!.style.position]).toStrictEqual([1, 'scroll', '']);
  });

  it('sizes the iframe to the height the flow reports', () => {
    void open(LINK, { container: document.getElementById('box')! }).catch(() => {});
    deliver({ type: 'plugboard', v: 1, event: { type: 'resize', height: 612 } });
    expect(frames()[0]!.style.height).toBe('612px');
  });

  it('starts a fresh flow when the host removed the container', async () => {
    const box = document.getElementById('box')!;
    const first = open(LINK, { container: box });
    box.remove();
    const second = open(LINK);
    second.catch(() => {});
    expect([await stateOf(first), frames().length]).toStrictEqual(['rejected:cancelled', 1]);
  });
});

describe('prefetch', () => {
  it('refuses a javascript: link with link_invalid and adds no iframe', () => {
    expect(() => prefetch('javascript:alert(1)')).toThrow(new PlugboardError('link_invalid'));
    expect(frames()).toHaveLength(0);
  });

  it('loads the flow in a hidden iframe', () => {
    prefetch(LINK);
    expect([frames().length, frames()[0]!.style.visibility]).toStrictEqual([1, 'hidden']);
  });

  it('reuses the prefetched iframe when opened with the same link', () => {
    prefetch(LINK);
    const prefetched = frames()[0];
    void open(LINK).catch(() => {});
    expect([frames().length, frames()[0] === prefetched, prefetched!.style.visibility]).toStrictEqual([1, true, '']);
  });

  it('replaces the prefetched iframe when opened with another link', () => {
    prefetch(LINK);
    const prefetched = frames()[0];
    void open(`${WIDGET}/flow?token=other`).catch(() => {});
    expect([frames().length, frames()[0] === prefetched]).toStrictEqual([1, false]);
  });

  it('leaves an open flow alone', () => {
    void open(LINK).catch(() => {});
    const opened = frames()[0];
    prefetch(`${WIDGET}/flow?token=other`);
    expect([frames().length, frames()[0] === opened]).toStrictEqual([1, true]);
  });

  it('ignores a close from the hidden iframe until it is opened', () => {
    prefetch(LINK);
    deliver({ type: 'close' });
    expect(frames()).toHaveLength(1);
  });
});
