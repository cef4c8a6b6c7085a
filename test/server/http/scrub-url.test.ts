import { loggedPath } from '../../../server/http/middleware/record-request.ts';
import { scrubPath, scrubUrl } from '../../../server/http/middleware/scrub-url.ts';

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

  describe('with a plus-encoded segment name', () => {
    it('decodes + as a space before comparing, so a spaced name is not taken for a secret one', () => {
      expect(scrubUrl(`/flow/v1/links+/${TOKEN}`)).toBe(`/flow/v1/links+/${TOKEN}`);
    });
  });
});

describe('scrubPath', () => {
  it('redacts a token segment like scrubUrl does', () => {
    expect(scrubPath(`/v1/connect/integration%2Dby%2dtoken/${TOKEN}`)).toBe('/v1/connect/integration%2Dby%2dtoken/[REDACTED]');
  });

  it('returns a path without a secret as it came', () => {
    expect(scrubPath('/v1/hris/employees/emp_123')).toBe('/v1/hris/employees/emp_123');
  });

  it('leaves a trailing empty segment after a secret name alone', () => {
    expect(scrubPath('/flow/v1/links/')).toBe('/flow/v1/links/');
  });
});

describe('loggedPath (the request log)', () => {
  it('drops the query string, secret values included', () => {
    expect(loggedPath(`/v1/hris/employees?page_size=10&token=${TOKEN}`)).toBe('/v1/hris/employees');
  });

  it('redacts a token segment of the path', () => {
    expect(loggedPath(`/v1/connect/integration-by-token/${TOKEN}?x=1`)).toBe('/v1/connect/integration-by-token/[REDACTED]');
  });

  it('keeps at most 2,000 characters', () => {
    expect(loggedPath(`/v1/${'a'.repeat(3000)}`)).toHaveLength(2000);
  });
});
