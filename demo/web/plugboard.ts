import type { FlowLanguage } from '../shared/api-types.ts';

/**
 * The part of Plugboard's loader (`<script src="…/connect.js">`, global `Plugboard`) this page uses.
 * Declared here as any vendor would from the published `connect.d.ts`.
 */
interface PlugboardGlobal {
  open(link: string, options?: { theme?: { primaryColor?: string; colorScheme?: 'light' | 'dark' | 'system' }; language?: string }): Promise<string>;
}

/**
 * The language of the connection window: the one chosen on the page (`#flow-language`), else the
 * browser's first language the flow speaks. It goes into the link (a link's language is what the flow
 * speaks), as a vendor passes its user's language when it creates the link.
 */
export function flowLanguage(): FlowLanguage | undefined {
  const select = document.querySelector<HTMLSelectElement>('#flow-language');
  if (!select) return undefined;
  if (select.value) return select.value as FlowLanguage;
  // The languages the page offers are the ones the flow speaks.
  const offered = new Set([...select.options].map((o) => o.value).filter(Boolean));
  return navigator.languages.map((l) => l.slice(0, 2).toLowerCase()).find((l) => offered.has(l)) as FlowLanguage | undefined;
}

/** Lumen's brand colour, handed to the flow so it looks like part of the app; light or dark as the system is. */
const THEME = { primaryColor: '#5b4bdb', colorScheme: 'system' as const };

/** Thrown when the loader did not load (Plugboard down, blocked by an extension, wrong URL). */
export class LoaderMissingError extends Error {}

function loader(): PlugboardGlobal {
  // Read through a local type rather than a global declaration: this page declares only what it uses.
  const plugboard = (window as unknown as { Plugboard?: PlugboardGlobal }).Plugboard;
  if (!plugboard) throw new LoaderMissingError('The connection widget did not load. Is Plugboard running?');
  return plugboard;
}

/**
 * Opens the flow for a link (in the link's language) and resolves with the activation token, or `null` when the customer closed
 * it. Other failures (an expired link) reject with an Error whose message can be shown.
 */
export async function openFlow(link: string): Promise<string | null> {
  try {
    return await loader().open(link, { theme: THEME });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'cancelled') return null;
    if (code === 'link_expired') throw new Error('The connection link expired. Please try again.');
    if (code === 'link_used' || code === 'link_invalid') throw new Error('The connection link can no longer be used. Please try again.');
    throw err;
  }
}

