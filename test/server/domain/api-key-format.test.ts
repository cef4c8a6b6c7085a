import { displayPrefix, generateApiKey, parseApiKey } from '../../../server/domain/api-key-format.ts';

describe('generateApiKey', () => {
  it('prefixes production keys with ks_prod_ and development keys with ks_dev_', () => {
    expect(generateApiKey('production')).toMatch(/^ks_prod_[0-9A-Za-z]{38}$/);
    expect(generateApiKey('development')).toMatch(/^ks_dev_[0-9A-Za-z]{38}$/);
  });

  it('carries at least 160 random bits (32 base62 characters)', () => {
    const body = generateApiKey('development').slice('ks_dev_'.length, -6);
    expect(body.length * Math.log2(62)).toBeGreaterThanOrEqual(160);
  });

  it('never repeats across many keys', () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey('development')));
    expect(keys.size).toBe(2000);
  });
});

describe('parseApiKey', () => {
  it('accepts a generated key and names its environment', () => {
    expect(parseApiKey(generateApiKey('production'))).toStrictEqual({ environment: 'production' });
    expect(parseApiKey(generateApiKey('development'))).toStrictEqual({ environment: 'development' });
  });

  describe('with a damaged key', () => {
    it('rejects any single changed character through the checksum', () => {
      const key = generateApiKey('development');
      for (const i of [7, 20, key.length - 8, key.length - 1]) {
        const c = key[i] === 'a' ? 'b' : 'a';
        expect(parseApiKey(key.slice(0, i) + c + key.slice(i + 1))).toBeNull();
      }
    });

    it('rejects truncated keys, other prefixes and whitespace', () => {
      const key = generateApiKey('production');
      expect(parseApiKey(key.slice(0, -1))).toBeNull();
      expect(parseApiKey(key.replace('ks_prod_', 'ks_test_'))).toBeNull();
      expect(parseApiKey(` ${key}`)).toBeNull();
      expect(parseApiKey('')).toBeNull();
    });
  });
});

describe('displayPrefix', () => {
  it('shows the environment prefix plus four characters only', () => {
    const key = generateApiKey('development');
    expect(displayPrefix(key)).toBe(key.slice(0, 11));
    expect(displayPrefix(generateApiKey('production'))).toMatch(/^ks_prod_[0-9A-Za-z]{4}$/);
  });
});
