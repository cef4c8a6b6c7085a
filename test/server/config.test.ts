import { loadConfig, parseTrustProxy } from '../../server/config.ts';

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    it('uses the documented defaults', () => {
      const config = loadConfig({});
      expect(config).toMatchObject({
        port: 3000,
        host: '127.0.0.1',
        publicUrl: 'http://localhost:3000',
        databaseUrl: undefined,
        trustProxy: false,
        rateLimitPerMinute: 300,
        logLevel: 'info',
        demoPort: 3001,
      });
      expect(config.dataDir).toMatch(/\/data$/);
    });
  });

  describe('with invalid values', () => {
    it('names every bad variable', () => {
      expect(() => loadConfig({ PORT: 'eighty', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'loud' })).toThrow(
        /PORT[\s\S]*RATE_LIMIT_PER_MINUTE[\s\S]*LOG_LEVEL/,
      );
    });
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://connect.example.com/' }).publicUrl).toBe('https://connect.example.com');
  });
});

describe('parseTrustProxy', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
  ])('parses %j as %j', (input, expected) => {
    expect(parseTrustProxy(input)).toStrictEqual(expected);
  });
});
