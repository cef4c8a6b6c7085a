import type { FlowLanguage } from '../types.ts';

/** One text in every flow language. */
export type Texts = Record<FlowLanguage, string>;

/** Picks a text in `language`, falling back to English. */
export const pick = (texts: Texts, language: FlowLanguage): string => texts[language] ?? texts.en;
