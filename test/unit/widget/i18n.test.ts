import { SERVER_CATALOGUES } from '../../../server/i18n/translate.ts';
import { de } from '../../../widget/app/i18n/de.ts';
import { en } from '../../../widget/app/i18n/en.ts';
import { es } from '../../../widget/app/i18n/es.ts';
import { fr } from '../../../widget/app/i18n/fr.ts';
import { browserLanguage, LANGUAGES } from '../../../widget/app/i18n/i18n.ts';
import { it as italian } from '../../../widget/app/i18n/it.ts';
import { nl } from '../../../widget/app/i18n/nl.ts';
import { pl } from '../../../widget/app/i18n/pl.ts';
import { pt } from '../../../widget/app/i18n/pt.ts';
import { LANGUAGES as API_LANGUAGES } from '../../../server/http/parsers/connect.ts';

const CHROME: Record<string, Record<string, string>> = { en, de, fr, it: italian, es, nl, pt, pl };
const SERVER: Record<string, Record<string, string>> = SERVER_CATALOGUES;

/**
 * Texts that may read exactly as in English in a language: words the language shares with English, or
 * names and terms the tools themselves print in English. Anything else identical to English is a text
 * nobody translated.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  de: ['data.hris_teams.name', 'sandbox.seed', 'sandbox.region'],
  fr: ['data.hris_absences', 'data.hris_absences.start_date', 'sandbox.eu'],
  it: ['personio.clientId', 'personio.clientSecret'],
  es: [],
  nl: [],
  pt: [],
  pl: [],
};

/** The `{name}` parameters of a text, sorted. */
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['the flow’s chrome', CHROME],
  ['the tools’ and the server’s texts', SERVER],
])('%s catalogues', (_name, catalogues) => {
  const english = catalogues.en!;

  it('exist for every language the flow speaks', () => {
    expect(Object.keys(catalogues).sort()).toStrictEqual([...LANGUAGES].sort());
  });

  describe.each(LANGUAGES.filter((l) => l !== 'en'))('in %s', (language) => {
    const catalogue = catalogues[language]!;

    it('has exactly the English keys', () => {
      expect(Object.keys(catalogue).sort()).toStrictEqual(Object.keys(english).sort());
    });

    it('has no empty text', () => {
      expect(Object.entries(catalogue).filter(([, text]) => text.trim() === '')).toStrictEqual([]);
    });

    it('translates every text (identical to English only where allowlisted)', () => {
      const same = Object.keys(english).filter((key) => catalogue[key] === english[key] && !SAME_AS_ENGLISH[language]!.includes(key));
      expect(same).toStrictEqual([]);
    });

    it('uses the same parameters as English in every text', () => {
      const mismatched = Object.entries(english).filter(([key, text]) => params(catalogue[key] ?? '').join() !== params(text).join());
      expect(mismatched.map(([key]) => key)).toStrictEqual([]);
    });
  });
});

describe('the allowlist of texts identical to English', () => {
  it('names only texts that really are identical (no stale entries)', () => {
    const catalogueOf = (key: string) => (key in SERVER.en! ? SERVER : CHROME);
    const stale = Object.entries(SAME_AS_ENGLISH).flatMap(([language, keys]) =>
      keys.filter((key) => catalogueOf(key)[language]![key] !== catalogueOf(key).en![key]).map((key) => `${language}:${key}`),
    );
    expect(stale).toStrictEqual([]);
  });
});

describe('the API’s language enum', () => {
  it('is the set of languages the flow speaks', () => {
    expect([...API_LANGUAGES].sort()).toStrictEqual([...LANGUAGES].sort());
  });
});

describe('browserLanguage', () => {
  it('picks the first preferred language the flow speaks, by its primary subtag', () => {
    expect(browserLanguage(['ja-JP', 'pt-BR', 'de-CH', 'fr'])).toBe('pt');
  });

  it('is null when the flow speaks none of them', () => {
    expect(browserLanguage(['ja', 'ko-KR'])).toBeNull();
  });
});
