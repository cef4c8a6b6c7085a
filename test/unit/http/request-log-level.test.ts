// @vitest-environment node
import { requestLogLevel, SLOW_REQUEST_MS } from '../../../server/http/middleware/request-log-level.ts';

describe('requestLogLevel', () => {
  it.each([
    [200, 5, 'debug'],
    [304, 5, 'debug'],
    [200, SLOW_REQUEST_MS, 'info'],
    [401, 5, 'warn'],
    [404, SLOW_REQUEST_MS * 3, 'warn'],
    [500, 5, 'error'],
    [503, SLOW_REQUEST_MS * 3, 'error'],
  ] as const)('answers %i after %i ms with %s', (status, ms, level) => {
    expect(requestLogLevel(status, ms)).toBe(level);
  });
});
