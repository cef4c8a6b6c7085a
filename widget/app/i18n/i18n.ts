import type { FlowLanguage } from '../../protocol/flow-api.ts';
import { en, type Messages } from './en.ts';

/** The languages of the API's `language` enum. */
export const LANGUAGES: readonly FlowLanguage[] = ['en', 'de', 'fr', 'it', 'es', 'nl', 'pt', 'pl'];

export const isLanguage = (value: unknown): value is FlowLanguage => LANGUAGES.includes(value as FlowLanguage);

/** The first of the browser's preferred languages (`navigator.languages`) the flow speaks, or null. */
export function browserLanguage(tags: readonly string[]): FlowLanguage | null {
  for (const tag of tags) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return null;
}

/** A language and its texts. */
export interface Locale {
  language: FlowLanguage;
  messages: Messages;
}

/** The bundled default locale. */
export const DEFAULT_LOCALE: Locale = { language: 'en', messages: en };

/**
 * The texts of a language. English is bundled; the others are separate chunks fetched on first use.
 * A chunk that fails to load falls back to English (and says so) rather than breaking the flow.
 */
export function loadLocale(language: FlowLanguage): Promise<Locale> {
  const chunk: Record<Exclude<FlowLanguage, 'en'>, () => Promise<Messages>> = {
    de: () => import('./de.ts').then((m) => m.de),
    fr: () => import('./fr.ts').then((m) => m.fr),
    it: () => import('./it.ts').then((m) => m.it),
    es: () => import('./es.ts').then((m) => m.es),
    nl: () => import('./nl.ts').then((m) => m.nl),
    pt: () => import('./pt.ts').then((m) => m.pt),
    pl: () => import('./pl.ts').then((m) => m.pl),
  };
  if (language === 'en') return Promise.resolve(DEFAULT_LOCALE);
  return chunk[language]().then(
    (messages) => ({ language, messages }),
    () => DEFAULT_LOCALE,
  );
}

/** Fills `{name}` parameters of a text. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
