import { isHttpOrigin, readLaunch } from '../../../widget/app/lib/launch.ts';

const at = (search: string, hash = '') => readLaunch({ search, hash });
const options = (value: unknown) => `#${encodeURIComponent(JSON.stringify(value))}`;

describe('readLaunch', () => {
  it('reads the token and the loader options', () => {
    expect(at('?token=abc', options(['https://app.example.com', 'de', { primaryColor: '#0a7', colorScheme: 'dark' }, true]))).toStrictEqual({
      token: 'abc',
      claimedOrigin: 'https://app.example.com',
      language: 'de',
      theme: { primaryColor: '#0a7', colorScheme: 'dark' },
      inline: true,
    });
  });

  it('falls back to defaults without loader options (a Kombo SDK or magic link)', () => {
    expect(at('?token=abc&sdkv=1.3.0')).toStrictEqual({
      token: 'abc',
      claimedOrigin: null,
      language: null,
      theme: { primaryColor: null, colorScheme: 'system' },
      inline: false,
    });
  });

  it('drops malformed values instead of trusting them', () => {
    const launch = at('', options(['https://app.example.com/path', 'xx', { primaryColor: 'red;background:url(x)', colorScheme: 'neon' }, 'yes']));
    expect(launch).toStrictEqual({ token: null, claimedOrigin: null, language: null, theme: { primaryColor: null, colorScheme: 'system' }, inline: false });
  });

  it('ignores a fragment that is not JSON', () => {
    expect(at('?token=t', '#%E0%A4%A').claimedOrigin).toBeNull();
  });
});

describe('isHttpOrigin', () => {
  it.each([
    ['https://app.example.com', true],
    ['http://host.test:8080', true],
    ['https://app.example.com/', false],
    ['javascript:alert(1)', false],
    ['null', false],
    ['*', false],
  ])('%s -> %s', (value, expected) => {
    expect(isHttpOrigin(value)).toBe(expected);
  });
});
