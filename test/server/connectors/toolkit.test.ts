import { loadConfig } from '../../../server/config.ts';
import { cursorPages, collect, linkPages, nextLink, numberedPages, offsetPages } from '../../../server/connectors/http/paginate.ts';
import { backoffDelay, parseRetryAfter } from '../../../server/connectors/http/retry-after.ts';
import { TokenKeeper } from '../../../server/connectors/http/single-flight.ts';
import { customerSubdomain, isDnsLabel, toolUrl } from '../../../server/connectors/http/tool-origin.ts';

describe('pagination helpers', () => {
  const data = Array.from({ length: 25 }, (_, i) => i);

  it('offsetPages stops at the first short page', async () => {
    const pages: number[][] = [];
    for await (const page of offsetPages(10, async (offset, limit) => data.slice(offset, offset + limit))) pages.push(page);
    expect(pages.map((p) => p.length)).toStrictEqual([10, 10, 5]);
  });

  it('numberedPages stops at the page marked last', async () => {
    const seen: number[] = [];
    const all = await collect(numberedPages(1, async (page) => (seen.push(page), { items: data.slice((page - 1) * 10, page * 10), last: page * 10 >= 25 })));
    expect(all).toStrictEqual(data);
    expect(seen).toStrictEqual([1, 2, 3]);
  });

  it('cursorPages follows the cursor until there is none', async () => {
    const all = await collect(cursorPages(async (cursor) => {
      const at = cursor ? Number(cursor) : 0;
      return { items: data.slice(at, at + 10), next: at + 10 < 25 ? String(at + 10) : null };
    }));
    expect(all).toStrictEqual(data);
  });

  it('linkPages follows rel="next" links', async () => {
    const all = await collect(linkPages('https://x.test/p?page=0', async (url) => {
      const page = Number(new URL(url).searchParams.get('page'));
      return { items: data.slice(page * 10, page * 10 + 10), link: page < 2 ? `</p?page=${page + 1}>; rel="next", </p?page=0>; rel="first"` : '</p?page=0>; rel="first"' };
    }));
    expect(all).toStrictEqual(data);
  });

  it('nextLink ignores other relations', () => {
    expect(nextLink('<https://a.test/2>; rel="prev", <https://a.test/4>; rel="last"', 'https://a.test/3')).toBeNull();
    expect(nextLink('<https://a.test/4>; rel=next', 'https://a.test/3')).toBe('https://a.test/4');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter below the bound', () => {
    expect(backoffDelay(0, 100, 1000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 1000, () => 0.999)).toBe(799);
    expect(backoffDelay(10, 100, 1000, () => 0.999)).toBe(999);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(0);
  });
});

describe('TokenKeeper', () => {
  describe('with many concurrent callers and no token', () => {
    it('refreshes once and gives everyone the same token', async () => {
      let refreshes = 0;
      const keeper = new TokenKeeper(async () => {
        refreshes++;
        await new Promise((r) => setTimeout(r, 20));
        return { value: `t${refreshes}`, expiresAt: Date.now() + 3_600_000 };
      });
      const tokens = await Promise.all(Array.from({ length: 20 }, () => keeper.token()));
      expect(refreshes).toBe(1);
      expect(new Set(tokens)).toStrictEqual(new Set(['t1']));
    });
  });

  describe('with a token about to expire', () => {
    it('refreshes before it expires', async () => {
      let now = 0;
      let n = 0;
      const keeper = new TokenKeeper(async () => ({ value: `t${++n}`, expiresAt: now + 120_000 }), { marginMs: 60_000, now: () => now });
      expect(await keeper.token()).toBe('t1');
      now = 59_000;
      expect(await keeper.token()).toBe('t1');
      now = 61_000;
      expect(await keeper.token()).toBe('t2');
    });
  });

  describe('after the tool rejected the token', () => {
    it('refreshes on the next call', async () => {
      let n = 0;
      const keeper = new TokenKeeper(async () => ({ value: `t${++n}`, expiresAt: Date.now() + 3_600_000 }));
      expect(await keeper.token()).toBe('t1');
      keeper.invalidate('t1');
      expect(await keeper.token()).toBe('t2');
    });
  });
});

describe('TokenKeeper with persistence', () => {
  it('uses a stored token that is still good instead of fetching one', async () => {
    let refreshes = 0;
    const keeper = new TokenKeeper(async () => ({ value: `t${++refreshes}`, expiresAt: Date.now() + 3_600_000 }), {
      persistence: { load: async () => ({ value: 'stored', expiresAt: Date.now() + 3_600_000 }), save: async () => undefined },
    });
    expect([await keeper.token(), refreshes]).toStrictEqual(['stored', 0]);
  });

  it('fetches and saves a new token when the stored one is about to expire', async () => {
    const saved: string[] = [];
    const keeper = new TokenKeeper(async () => ({ value: 'fresh', expiresAt: Date.now() + 3_600_000 }), {
      persistence: { load: async () => ({ value: 'old', expiresAt: Date.now() + 1_000 }), save: async (t) => void saved.push(t.value) },
    });
    expect([await keeper.token(), saved]).toStrictEqual(['fresh', ['fresh']]);
  });
});

describe('toolUrl', () => {
  it('replaces scheme, host and port of every customer host', () => {
    const origins = { bamboohr: 'http://127.0.0.1:9100' };
    expect(toolUrl('bamboohr', 'https://acme.bamboohr.com/api/v1/x?a=1', origins)).toBe('http://127.0.0.1:9100/api/v1/x?a=1');
    expect(toolUrl('personio', 'https://api.personio.de/v1/auth', origins)).toBe('https://api.personio.de/v1/auth');
  });
});

describe('customer-entered subdomains', () => {
  it.each([
    ['acme', 'acme'],
    ['  ACME ', 'acme'],
    ['https://acme.bamboohr.com/home', 'acme'],
    ['acme.bamboohr.com', 'acme'],
    ['evil.com/x#', null],
    ['a.b', null],
    ['-acme', null],
    ['acme@evil', null],
    ['x'.repeat(64), null],
  ])('%j is %j', (input, expected) => {
    expect(customerSubdomain(input, '.bamboohr.com')).toBe(expected);
  });

  it('isDnsLabel rejects dots and underscores', () => {
    expect(isDnsLabel('a_b')).toBe(false);
    expect(isDnsLabel('a-b1')).toBe(true);
  });
});

describe('TOOL_ORIGIN_<TOOL>', () => {
  it('maps each variable to the lower-case tool ID', () => {
    expect(loadConfig({ TOOL_ORIGIN_BAMBOOHR: 'http://127.0.0.1:9100', TOOL_ORIGIN_PERSONIO: 'https://proxy.test/' }).toolOrigins).toStrictEqual({
      bamboohr: 'http://127.0.0.1:9100',
      personio: 'https://proxy.test',
    });
  });

  it('rejects a value that is not an origin', () => {
    expect(() => loadConfig({ TOOL_ORIGIN_HIBOB: 'http://x.test/path' })).toThrow(/TOOL_ORIGIN_HIBOB/);
  });
});
