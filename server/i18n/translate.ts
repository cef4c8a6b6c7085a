import type { FlowLanguage } from '../connectors/types.ts';
import { de } from './de.ts';
import { en, type ServerMessages, type ServerTextKey } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';
import { pt } from './pt.ts';

/**
 * The server's catalogues, one per flow language. All are loaded: the server answers any language, and
 * the flow receives only the texts of its own language inside the session.
 */
export const SERVER_CATALOGUES: Readonly<Record<FlowLanguage, ServerMessages>> = { en, de, fr, it, es, nl, pt, pl };

/** The text of `key` in `language` with its `{name}` parameters filled (English when a language lacks it). */
export function translate(language: FlowLanguage, key: ServerTextKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template = SERVER_CATALOGUES[language]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** {@link translate} bound to one language, for code that builds several texts at once. */
export const translator =
  (language: FlowLanguage) =>
  (key: ServerTextKey, params?: Readonly<Record<string, string | number>>): string =>
    translate(language, key, params);

export type { ServerTextKey };
