import type { EmployeeView } from '../shared/api-types.ts';
import { toEmployeeView } from './employee-view.ts';
import type { PlugboardClient } from './plugboard-client.ts';

/** How long the employees read for a name search are reused before being read again. @default 60000 */
export const SEARCH_CACHE_MS = 60_000;

/** The most employees a name search reads (the Sandbox's largest company). @default 10000 */
export const SEARCH_SCAN_LIMIT = 10_000;

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

const haystack = (e: EmployeeView) => fold([e.name, e.email, e.jobTitle, ...e.groups, e.location].filter(Boolean).join(' '));

/**
 * Name search. The Kombo API filters by exact work email but not by name, so the demo reads the
 * employees once (250 per request), keeps them for a minute, and matches every word of the query
 * against name, email, job title, teams and location. A vendor with many customers would keep its own
 * copy of the data and refresh it with `updated_after` instead.
 */
export class EmployeeSearch {
  readonly #client: PlugboardClient;
  readonly #now: () => number;
  readonly #cache = new Map<string, { at: number; rows: Promise<{ view: EmployeeView; text: string }[]> }>();

  constructor(client: PlugboardClient, now: () => number = Date.now) {
    this.#client = client;
    this.#now = now;
  }

  /** Matches for `query`, and how many employees were searched. */
  async search(integrationId: string, query: string): Promise<{ matches: EmployeeView[]; searched: number }> {
    const rows = await this.#rows(integrationId);
    const words = fold(query).split(/\s+/).filter(Boolean);
    const matches = rows.filter((r) => words.every((w) => r.text.includes(w))).map((r) => r.view);
    return { matches, searched: rows.length };
  }

  /** Forgets what was read, e.g. after a sync or when the integration is gone. */
  forget(integrationId: string): void {
    this.#cache.delete(integrationId);
  }

  #rows(integrationId: string) {
    const hit = this.#cache.get(integrationId);
    if (hit && this.#now() - hit.at < SEARCH_CACHE_MS) return hit.rows;
    const rows = this.#client.allEmployees(integrationId, SEARCH_SCAN_LIMIT).then((all) =>
      all.map((e) => {
        const view = toEmployeeView(e);
        return { view, text: haystack(view) };
      }),
    );
    // A failed read is not cached: the next search tries again.
    rows.catch(() => {
      if (this.#cache.get(integrationId)?.rows === rows) this.forget(integrationId);
    });
    this.#cache.set(integrationId, { at: this.#now(), rows });
    return rows;
  }
}
