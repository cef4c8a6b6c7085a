import { CompanyCache } from '../../../server/connectors/sandbox/company/company-cache.ts';
import type { CompanyConfig } from '../../../server/connectors/sandbox/company/company.ts';
import type { SandboxCompany } from '../../../server/connectors/sandbox/company/types.ts';

const built: string[] = [];
const fakeBuild = (config: CompanyConfig, now: Date) => {
  built.push(`${config.seed}@${now.toISOString()}`);
  return { name: config.seed, asOf: now.toISOString() } as unknown as SandboxCompany;
};

describe('CompanyCache', () => {
  beforeEach(() => {
    built.length = 0;
  });

  describe('within one clock bucket', () => {
    it('builds the company once, as of the bucket start', () => {
      const cache = new CompanyCache({ build: fakeBuild, bucketMs: 60_000 });
      const a = cache.get({ seed: 's', size: 50 }, new Date('2026-01-01T10:00:05Z'));
      const b = cache.get({ seed: 's', size: 50 }, new Date('2026-01-01T10:00:59Z'));
      expect(b).toBe(a);
      expect(built).toStrictEqual(['s@2026-01-01T10:00:00.000Z']);
      expect(cache.builds).toBe(1);
    });
  });

  describe('with more companies than it keeps', () => {
    it('drops the least recently used one', () => {
      const cache = new CompanyCache({ build: fakeBuild, max: 2 });
      const at = new Date('2026-01-01T10:00:00Z');
      cache.get({ seed: 'a', size: 50 }, at);
      cache.get({ seed: 'b', size: 50 }, at);
      cache.get({ seed: 'a', size: 50 }, at);
      cache.get({ seed: 'c', size: 50 }, at);
      cache.get({ seed: 'a', size: 50 }, at);
      cache.get({ seed: 'b', size: 50 }, at);
      expect(built.map((b) => b[0])).toStrictEqual(['a', 'b', 'c', 'b']);
    });
  });

  describe('after it went unused for its idle time', () => {
    it('builds the company again', () => {
      vi.useFakeTimers();
      try {
        const cache = new CompanyCache({ build: fakeBuild, idleMs: 1000 });
        const at = new Date('2026-01-01T10:00:00Z');
        cache.get({ seed: 'a', size: 50 }, at);
        vi.advanceTimersByTime(1001);
        cache.get({ seed: 'a', size: 50 }, at);
        expect(cache.builds).toBe(2);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
