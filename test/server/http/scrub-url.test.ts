import { scrubUrl } from '../../../server/http/middleware/scrub-url.ts';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz123456';

describe('scrubUrl', () => {
  describe('with a token in the path', () => {
    it('redacts the segment after integration-by-token', () => {
      expect(scrubUrl(`/v1/connect/integration-by-token/${TOKEN}`)).toBe('/v1/connect/integration-by-token/[REDACTED]');
    });

    it('matches the segment name in any case', () => {
      expect(scrubUrl(`/v1/connect/INTEGRATION-BY-TOKEN/${TOKEN}`)).toBe('/v1/connect/INTEGRATION-BY-TOKEN/[REDACTED]');
    });

    it('matches a percent-encoded segment name', () => {
      expect(scrubUrl(`/v1/connect/integration%2Dby%2dtoken/${TOKEN}`)).toBe('/v1/connect/integration%2Dby%2dtoken/[REDACTED]');
    });

    it('redacts a link token in a flow path and keeps what follows', () => {
      expect(scrubUrl(`/flow/v1/Links/${TOKEN}/session`)).toBe('/flow/v1/Links/[REDACTED]/session');
    });
  });

  describe('with a token in the query', () => {
    it('redacts the value of a secret parameter in any case', () => {
      expect(scrubUrl(`/flow?TOKEN=${TOKEN}&lang=de`)).toBe('/flow?TOKEN=[REDACTED]&lang=de');
    });

    it('redacts the value of a percent-encoded parameter name', () => {
      expect(scrubUrl(`/flow?lang=de&%74oken=${TOKEN}`)).toBe('/flow?lang=de&%74oken=[REDACTED]');
    });

    it('redacts after a semicolon separator too', () => {
      expect(scrubUrl(`/flow?lang=de;api%5Fkey=${TOKEN}`)).toBe('/flow?lang=de;api%5Fkey=[REDACTED]');
    });

    it('keeps a malformed escape as it is instead of throwing', () => {
      expect(scrubUrl('/flow?x=%E0%A4%A&token=abc')).toBe('/flow?x=%E0%A4%A&token=[REDACTED]');
    });

    it('leaves other parameters alone', () => {
      expect(scrubUrl('/v1/hris/employees?page_size=10&cursor=abc')).toBe('/v1/hris/employees?page_size=10&cursor=abc');
    });
  });
});
