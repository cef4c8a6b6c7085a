import { createBridge, resolveParentOrigin } from '../../../widget/app/lib/bridge.ts';

/** A framed window as the bridge sees it: its parent, ancestorOrigins and referrer. */
function framedWindow({ ancestor, referrer = '' }: { ancestor?: string; referrer?: string }) {
  const posted: [unknown, string][] = [];
  const parent = { postMessage: (message: unknown, target: string) => posted.push([message, target]) };
  const win = {
    parent,
    location: { ancestorOrigins: ancestor === undefined ? undefined : [ancestor] },
    document: { referrer },
  } as unknown as Window;
  return { win, posted };
}

describe('resolveParentOrigin', () => {
  it('is null for a page that is not framed', () => {
    expect(resolveParentOrigin(window, 'https://app.example.com')).toBeNull();
  });

  it('prefers what the browser says over the loader’s claim', () => {
    const { win } = framedWindow({ ancestor: 'https://real.example.com' });
    expect(resolveParentOrigin(win, 'https://claimed.example.com')).toBe('https://real.example.com');
  });

  it('posts nowhere for an opaque (sandboxed) parent', () => {
    const { win } = framedWindow({ ancestor: 'null' });
    expect(resolveParentOrigin(win, 'https://claimed.example.com')).toBeNull();
  });

  it('uses the loader’s claim where ancestorOrigins is missing', () => {
    const { win } = framedWindow({ referrer: 'https://ref.example.com/page' });
    expect(resolveParentOrigin(win, 'https://claimed.example.com')).toBe('https://claimed.example.com');
  });

  it('uses the referrer’s origin for the official library (no claim)', () => {
    const { win } = framedWindow({ referrer: 'https://ref.example.com/page?x=1' });
    expect(resolveParentOrigin(win, null)).toBe('https://ref.example.com');
  });

  it('is null with neither', () => {
    const { win } = framedWindow({});
    expect(resolveParentOrigin(win, null)).toBeNull();
  });
});

describe('createBridge', () => {
  describe('with allowed origins from the session', () => {
    it('posts the result to an allowed parent', () => {
      const { win, posted } = framedWindow({ ancestor: 'https://app.example.com' });
      const bridge = createBridge(win, null);
      bridge.allowOnly(['https://other.example.com', 'https://app.example.com']);
      bridge.send({ type: 'success', data: { activation_token: 't' } });
      expect(posted).toStrictEqual([[{ type: 'success', data: { activation_token: 't' } }, 'https://app.example.com']]);
    });

    it('refuses to post anything to another parent', () => {
      const { win, posted } = framedWindow({ referrer: 'https://evil.example.com/' });
      const bridge = createBridge(win, 'https://evil.example.com');
      bridge.allowOnly(['https://app.example.com']);
      bridge.send({ type: 'success', data: { activation_token: 't' } });
      bridge.event({ type: 'ready' });
      expect(posted).toStrictEqual([]);
    });

    it('posts to any parent again when the list is empty', () => {
      const { win, posted } = framedWindow({ ancestor: 'https://app.example.com' });
      const bridge = createBridge(win, null);
      bridge.allowOnly([]);
      bridge.send({ type: 'close' });
      expect(posted).toStrictEqual([[{ type: 'close' }, 'https://app.example.com']]);
    });
  });

  it('posts to the exact parent origin', () => {
    const { win, posted } = framedWindow({ ancestor: 'https://app.example.com' });
    createBridge(win, null).send({ type: 'close' });
    expect(posted).toStrictEqual([[{ type: 'close' }, 'https://app.example.com']]);
  });

  it('wraps events in the versioned envelope', () => {
    const { win, posted } = framedWindow({ ancestor: 'https://app.example.com' });
    createBridge(win, null).event({ type: 'ready' });
    expect(posted).toStrictEqual([[{ type: 'plugboard', v: 1, event: { type: 'ready' } }, 'https://app.example.com']]);
  });

  it('posts nothing without a trusted origin', () => {
    const { win, posted } = framedWindow({});
    createBridge(win, null).send({ type: 'close' });
    expect(posted).toStrictEqual([]);
  });
});
