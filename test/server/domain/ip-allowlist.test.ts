import { AppError } from '../../../server/domain/errors.ts';
import { isIpAllowed, normaliseAllowlist, normaliseAllowlistEntry } from '../../../server/domain/ip-allowlist.ts';

describe('normaliseAllowlistEntry', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['2001:DB8:0:0::1', '2001:db8::1'],
    ['2001:DB8:0::/32', '2001:db8::/32'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.0/120', '192.0.2.0/24'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['::ffff:0:0/96', '0.0.0.0/0'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseAllowlistEntry(input)).toBe(expected);
  });

  it.each(['10', '1.2.3', '0x0a.1.1.1', '1.2.3.4/33', '::1/129', 'example.com', '', '1.2.3.4/', '1.2.3.4/-1', '300.1.1.1', ' 203.0.113.7', '203.0.113.7 ', '10.1.2.3/8', '1.2.3.4/032', 'fe80::1%eth0'])(
    'rejects %j',
    (input) => {
      expect(normaliseAllowlistEntry(input)).toBeNull();
    },
  );
});

/** The INPUT_INVALID message normaliseAllowlist throws for these entries. */
function rejection(entries: string[], options?: { allowAll?: boolean }): string {
  try {
    normaliseAllowlist(entries, options);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PLATFORM.INPUT_INVALID');
    return (err as AppError).message;
  }
  throw new Error('normaliseAllowlist accepted the list');
}

describe('normaliseAllowlist', () => {
  it('removes duplicates after normalisation', () => {
    expect(normaliseAllowlist(['10.0.0.0/8', '::ffff:10.0.0.0/104'])).toStrictEqual(['10.0.0.0/8']);
  });

  describe('with an allow-all range', () => {
    it.each(['0.0.0.0/0', '::/0', '::ffff:0:0/96'])('refuses %j without allowAll, naming it', (entry) => {
      expect(rejection(['10.0.0.0/8', entry])).toMatch(/^IP allowlist entry "(0\.0\.0\.0|::)\/0" allow every address\. Pass --allow-all/);
    });

    it('accepts it with allowAll', () => {
      expect(normaliseAllowlist(['::ffff:0:0/96', '::/0'], { allowAll: true })).toStrictEqual(['0.0.0.0/0', '::/0']);
    });
  });

  describe('with odd input', () => {
    it('names an entry with surrounding whitespace and says why', () => {
      expect(rejection(['203.0.113.7 '])).toContain('Invalid IP allowlist entry: "203.0.113.7 " (surrounding whitespace).');
    });

    it('names a range with host bits set and the range it would be', () => {
      expect(rejection(['10.1.2.3/8'])).toContain('Invalid IP allowlist entry: "10.1.2.3/8" (host bits set beyond /8; the range is 10.0.0.0/8).');
    });
  });

  it('rejects the whole list with INPUT_INVALID naming every bad entry', () => {
    let error: unknown;
    try {
      normaliseAllowlist(['10.0.0.0/8', 'nope', '1.2.3.4/40']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PLATFORM.INPUT_INVALID');
    expect((error as AppError).message).toContain('"nope", "1.2.3.4/40"');
  });
});

describe('isIpAllowed', () => {
  it('allows any address when the list is empty', () => {
    expect(isIpAllowed([], '198.51.100.1')).toBe(true);
  });

  it('matches single IPv4 addresses and ranges', () => {
    expect(isIpAllowed(['203.0.113.7'], '203.0.113.7')).toBe(true);
    expect(isIpAllowed(['203.0.113.7'], '203.0.113.8')).toBe(false);
    expect(isIpAllowed(['10.0.0.0/8'], '10.255.1.1')).toBe(true);
    expect(isIpAllowed(['10.0.0.0/8'], '11.0.0.1')).toBe(false);
  });

  it('matches IPv6 addresses and ranges', () => {
    expect(isIpAllowed(['2001:db8::/32'], '2001:db8:1::5')).toBe(true);
    expect(isIpAllowed(['2001:db8::/32'], '2001:db9::5')).toBe(false);
    expect(isIpAllowed(['::1'], '::1')).toBe(true);
  });

  it('treats IPv4-mapped IPv6 client addresses as their IPv4 address', () => {
    expect(isIpAllowed(['127.0.0.1'], '::ffff:127.0.0.1')).toBe(true);
    expect(isIpAllowed(['127.0.0.0/8'], '::ffff:127.0.0.9')).toBe(true);
    expect(isIpAllowed(['10.0.0.0/8'], '::ffff:127.0.0.1')).toBe(false);
  });

  it('never lets an IPv4 range match an IPv6 address or the reverse', () => {
    expect(isIpAllowed(['0.0.0.0/0'], '2001:db8::1')).toBe(false);
    expect(isIpAllowed(['::/0'], '192.0.2.1')).toBe(false);
  });

  it('refuses a missing or unparsable client address when a list is set', () => {
    expect(isIpAllowed(['0.0.0.0/0'], undefined)).toBe(false);
    expect(isIpAllowed(['0.0.0.0/0'], 'garbage')).toBe(false);
  });
});
