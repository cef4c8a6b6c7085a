import { de } from '../../../widget/app/i18n/de.ts';
import { en } from '../../../widget/app/i18n/en.ts';
import { es } from '../../../widget/app/i18n/es.ts';
import { fr } from '../../../widget/app/i18n/fr.ts';
import { browserLanguage, LANGUAGES } from '../../../widget/app/i18n/i18n.ts';
import { it as italian } from '../../../widget/app/i18n/it.ts';

const CATALOGUES: Record<string, Record<string, string>> = { en, de, fr, it: italian, es };

/** The `{name}` parameters of a text, sorted. */
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the flow’s text catalogues', () => {
  it('exist for every language the flow speaks', () => {
    expect(Object.keys(CATALOGUES).sort()).toStrictEqual([...LANGUAGES].sort());
  });

  describe.each(Object.keys(CATALOGUES).filter((l) => l !== 'en'))('in %s', (language) => {
    const catalogue = CATALOGUES[language]!;

    it('has exactly the English keys', () => {
      expect(Object.keys(catalogue).sort()).toStrictEqual(Object.keys(en).sort());
    });

    it('has no empty text', () => {
      expect(Object.entries(catalogue).filter(([, text]) => text.trim() === '')).toStrictEqual([]);
    });

    it('uses the same parameters as English in every text', () => {
      const mismatched = Object.entries(en).filter(([key, text]) => params(catalogue[key] ?? '').join() !== params(text).join());
      expect(mismatched.map(([key]) => key)).toStrictEqual([]);
    });
  });
});

describe('browserLanguage', () => {
  it('picks the first preferred language the flow speaks, by its primary subtag', () => {
    expect(browserLanguage(['pt-BR', 'de-CH', 'fr'])).toBe('de');
  });

  it('is null when the flow speaks none of them', () => {
    expect(browserLanguage(['pt-BR', 'ja'])).toBeNull();
  });
});
