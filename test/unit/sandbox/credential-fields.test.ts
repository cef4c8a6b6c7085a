import { sandboxConnector } from '../../../server/connectors/sandbox/index.ts';

const EXAMPLE_MARKER = { en: 'e.g. ', de: 'z. B. ', fr: 'p. ex. ', it: 'ad es. ', es: 'p. ej. ' } as const;

describe('the Sandbox credential form', () => {
  describe.each(Object.entries(EXAMPLE_MARKER) as [keyof typeof EXAMPLE_MARKER, string][])('in %s', (language, marker) => {
    it('marks every placeholder as an example, so none reads as a typed value', () => {
      const placeholders = sandboxConnector
        .credentialFields(language)
        .flatMap((f) => (f.placeholder === undefined ? [] : [f.placeholder]));
      expect([placeholders.length, placeholders.filter((p) => !p.startsWith(marker))]).toStrictEqual([2, []]);
    });
  });
});
